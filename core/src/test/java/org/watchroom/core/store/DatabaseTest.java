package org.watchroom.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.testing.Waits;

/** Closing the data folder's H2 file: what is left behind. */
class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void closingTwiceIsHarmlessAndLeavesNoTraceFile() {
        Database db = Database.open(dir);
        new SettingsStore(db).put("probe", "1");
        db.close();
        db.close();
        assertThat(dir.resolve("watchroom.trace.db")).as("H2 traces 'Database is already closed' there").doesNotExist();
        try (Database again = Database.open(dir)) {
            assertThat(new SettingsStore(again).get("probe")).as("the file was closed cleanly").hasValue("1");
        }
        assertThat(dir.resolve("watchroom.trace.db")).doesNotExist();
    }

    @Test
    void anEngineStartedAndStoppedLeavesNoTraceFile() throws IOException {
        try (Database db = Database.open(dir)) {
            Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty(),
                    DetectionService.off("not needed here"));
            engine.start(true);
            Waits.until(Duration.ofSeconds(20), () -> !engine.cameras().isEmpty()
                    && engine.cameras().stream().allMatch(c -> c.display().stats().framesDecoded() > 0));
            engine.close();
        }
        assertThat(trace(dir)).isEmpty();
    }

    /** What H2 wrote to its trace file in {@code folder}: errors it met, e.g. "Database is already closed". */
    static String trace(Path folder) throws IOException {
        Path trace = folder.resolve("watchroom.trace.db");
        return Files.exists(trace) ? Files.readString(trace) : "";
    }

    @Test
    void aConnectionStillBorrowedAtCloseIsShutDownUnderneath() throws Exception {
        Database db = Database.open(dir);
        var handle = db.jdbi().open(); // still borrowed at close: without a SHUTDOWN the file would stay locked
        db.close();
        assertThatThrownBy(() -> handle.createQuery("SELECT 1").mapTo(Integer.class).one())
                .as("the database is closed under the borrowed connection").isInstanceOf(RuntimeException.class);
        try (Database again = Database.open(dir)) {
            assertThat(again.ping()).isTrue();
        }
        try {
            handle.close();
        } catch (RuntimeException deadConnection) {
            // Jdbi may complain about the connection closed under it; the reopen above is the point
        }
    }
}
