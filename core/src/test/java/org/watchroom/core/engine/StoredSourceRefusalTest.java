package org.watchroom.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.Waits;

/**
 * Rows stored before the lavfi allow-list (written here straight into the table, as an old installation or a
 * hand-edited database has them) never reach FFmpeg: the camera fails with the reason, the engine runs on, and the
 * file the graph names is untouched.
 */
class StoredSourceRefusalTest {
    @TempDir
    Path dir;

    @Test
    void aStoredGraphThatWritesOrReadsFilesFailsWithItsReasonAndTouchesNothing() throws Exception {
        Path target = dir.resolve("precious.txt");
        Files.writeString(target, "evidence that must survive\n");
        byte[] before = Files.readAllBytes(target);
        String writer = "lavfi:testsrc=size=32x32:rate=2,metadata=mode=print:file=" + target;
        String reader = "lavfi:movie=" + TestMedia.file("vtest.mp4");
        try (Database db = Database.open(dir.resolve("data"))) {
            insert(db, "Writer", writer);
            insert(db, "Reader", reader);
            insert(db, "Pattern", "lavfi:testsrc2=size=64x64:rate=5");
            try (Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty(),
                    DetectionService.off("test"), RecordingOptions.off())) {
                engine.start(false);
                List<LiveCamera> cameras = engine.cameras();
                assertThat(cameras).extracting(c -> c.camera().name()).containsExactly("Writer", "Reader", "Pattern");
                LiveCamera writing = cameras.get(0);
                LiveCamera reading = cameras.get(1);
                Waits.until(Duration.ofSeconds(15), () -> writing.display().state() instanceof CameraState.Failed
                        && reading.display().state() instanceof CameraState.Failed);
                assertThat(((CameraState.Failed) writing.display().state()).reason())
                        .contains("lavfi filter 'metadata' is not allowed");
                assertThat(((CameraState.Failed) reading.display().state()).reason())
                        .contains("lavfi filter 'movie' is not allowed");
                assertThat(writing.display().stats().framesDecoded()).isZero();
                assertThat(reading.display().stats().framesDecoded()).isZero();
                // the stored rows still list (REST, command line and workstation read them) and can be disabled
                assertThat(engine.store().list()).extracting(c -> c.mainUrl().redacted())
                        .containsExactly(writer, reader, "lavfi:testsrc2=size=64x64:rate=5");
                Camera off = engine.store().update(writing.camera().withEnabled(false),
                        People.ADMIN);
                assertThat(off.enabled()).isFalse();
                Waits.until(Duration.ofSeconds(15), () -> cameras.get(2).display().state() instanceof CameraState.Live);
            }
        }
        assertThat(Files.readAllBytes(target)).as("the file the graph names").isEqualTo(before);
        assertThat(new String(before, StandardCharsets.UTF_8)).isNotEmpty();
    }

    private static void insert(Database db, String name, String url) {
        db.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO cameras (name, url, enabled, created_at, updated_at)
                        VALUES (:name, :url, TRUE, :now, :now)""")
                .bind("name", name).bind("url", url).bind("now", OffsetDateTime.now()).execute());
    }
}
