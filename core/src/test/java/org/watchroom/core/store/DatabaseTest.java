package org.watchroom.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.ReadOnly;
import org.watchroom.core.testing.Waits;

/** Opening and closing the data folder's H2 file: what is created, what is refused, what is left behind. */
class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void openCreatesTheFolderAndTheDatabaseOpenExistingCreatesNothing() {
        Path typo = dir.resolve("typo");
        assertThatThrownBy(() -> Database.openExisting(typo)).isInstanceOf(StoreException.class)
                .hasMessage("There is no data folder " + typo + " (check --data-dir); nothing was created.");
        assertThat(typo).doesNotExist();
        Path empty = dir.resolve("empty");
        assertThat(empty.toFile().mkdir()).isTrue();
        assertThatThrownBy(() -> Database.openExisting(empty)).hasMessageStartingWith("There is no Watchroom database in "
                + empty + " (no watchroom.mv.db");
        assertThat(empty).isEmptyDirectory();

        Path data = dir.resolve("data");
        try (Database db = Database.open(data)) {
            new CameraStore(db).add(Camera.create("Gate", "rtsp://10.0.0.1/1", null, null), People.ADMIN);
        }
        try (Database db = Database.openExisting(data)) {
            assertThat(db.readOnly()).isFalse();
            assertThat(new CameraStore(db).list()).extracting(Camera::name).containsExactly("Gate");
        }
    }

    @Test
    void anEmptyFileIsRefusedAndLeftAsItIsInsteadOfBecomingAFreshDatabase() throws IOException {
        Path file = Files.createFile(dir.resolve(Database.FILE_NAME));
        for (var opening : List.<Runnable>of(() -> Database.open(dir), () -> Database.openExisting(dir))) {
            assertThatThrownBy(opening::run).isInstanceOf(StoreException.class)
                    .hasMessage("The database " + file + " is empty (0 bytes). It was left as it is: restore it from a"
                            + " backup, or move it away to start a new database.");
            assertThat(file).isEmptyFile();
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aDamagedOrForeignFileIsRefusedUnchanged() throws IOException {
        Path data = dir.resolve("data");
        try (Database db = Database.open(data)) {
            for (int i = 0; i < 50; i++) {
                new CameraStore(db).add(Camera.create("Camera " + i, "rtsp://10.0.0.1/" + i, null, null), People.ADMIN);
            }
        }
        Path file = data.resolve(Database.FILE_NAME);
        byte[] whole = Files.readAllBytes(file);
        // both file headers kept, every chunk cut off (H2 itself falls back quietly when only the newest ones are gone)
        byte[] cut = Arrays.copyOf(whole, 2 * 4096);
        Files.write(file, cut);
        assertThatThrownBy(() -> Database.open(data)).isInstanceOf(StoreException.class)
                .hasMessageContaining(file + " is damaged").hasMessageContaining("It was left as it is")
                .hasMessageNotContaining("org.h2").hasMessageNotContaining("SQL");
        assertThat(Files.readAllBytes(file)).isEqualTo(cut);

        Files.writeString(file, "notes from someone else\n");
        assertThatThrownBy(() -> Database.openExisting(data)).hasMessageContaining("does not start like an H2 database");
        assertThat(Files.readString(file)).isEqualTo("notes from someone else\n");
    }

    @Test
    void aReadOnlyDatabaseIsReadButNeverOpenedForWriting() throws Exception {
        try (Database db = Database.open(dir)) {
            new CameraStore(db).add(Camera.create("Gate", "rtsp://10.0.0.1/1", null, null), People.ADMIN);
        }
        Path file = dir.resolve(Database.FILE_NAME);
        try (ReadOnly _ = ReadOnly.make(dir, file)) {
            assertThatThrownBy(() -> Database.open(dir)).isInstanceOf(StoreException.class)
                    .hasMessage("The data folder " + dir + " is read-only; Watchroom needs to write its database, clips"
                            + " and logs there. Nothing was changed.");
            try (Database db = Database.openExisting(dir)) {
                assertThat(db.readOnly()).isTrue();
                assertThat(new CameraStore(db).list()).extracting(Camera::name).containsExactly("Gate");
            }
        }
        assertThat(trace(dir)).isEmpty();
    }

    @Test
    void closingTwiceIsHarmlessAndLeavesNoTraceFile() {
        Database db = Database.open(dir);
        new SettingsStore(db).put("probe", "1");
        db.close();
        db.close();
        assertThat(dir.resolve("watchroom.trace.db")).as("H2 traces 'Database is already closed' there").doesNotExist();
        try (Database again = Database.openExisting(dir)) {
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
        try (Database again = Database.openExisting(dir)) {
            assertThat(again.ping()).isTrue();
        }
        try {
            handle.close();
        } catch (RuntimeException deadConnection) {
            // Jdbi may complain about the connection closed under it; the reopen above is the point
        }
    }
}
