package org.watchroom.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.ffmpeg;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.record.SegmentStats;
import org.watchroom.core.settings.SettingKey;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.SlowTest;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.Tmpfs;
import org.watchroom.core.testing.Waits;

/**
 * The free-space reserve on a real small disk: a 16 MiB tmpfs mounted as the recordings folder, a camera sending
 * about 2 MB/s, twice the disk written. The oldest footage goes as the reserve (6M) is reached, so recording
 * never pauses (the disk guard would pause it under 2 MiB free) and nothing is dropped.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@SlowTest
class RecordingReserveTest {
    private static final long DISK = 16L << 20;
    @TempDir
    Path dir;

    @Test
    void theReserveDeletesTheOldestFootageOfAnyCameraBeforeRecordingWouldPause() throws Exception {
        Tmpfs.assumeAvailable();
        Path footage = highBitrate(dir.resolve("lot.mp4"));
        Path data = Files.createDirectories(dir.resolve("data"));
        try (Tmpfs disk = Tmpfs.mount(data.resolve("recordings"), (int) (DISK >> 20));
             Database db = Database.open(data)) {
            new Settings(db).set(SettingKey.RECORDING_RESERVE, "6M", People.ADMIN);
            AtomicLong leastFree = new AtomicLong(Long.MAX_VALUE);
            SegmentStats last;
            Camera lot;
            try (Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults().withDecodeOnlyWhenWatched(true),
                    Optional.empty(), DetectionService.off("not needed"), RecordingOptions.defaults()
                    .withMinFreeBytes(2 << 20).withSegmentLength(Duration.ofSeconds(1)))) {
                lot = engine.store().add(Camera.create("Lot", footage + "?loop=1", null, null)
                        .withDetectSettings("{\"enabled\": false}"), People.ADMIN);
                engine.start(false);
                Thread watcher = Thread.ofVirtual().start(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            leastFree.accumulateAndGet(Files.getFileStore(disk.dir()).getUsableSpace(), Math::min);
                            Thread.sleep(50);
                        } catch (Exception e) {
                            return;
                        }
                    }
                });
                Waits.until(Duration.ofMinutes(2), () -> engine.cameras().getFirst().recordingStats()
                        .map(s -> s.bytesWritten() > 2 * DISK).orElse(false));
                watcher.interrupt();
                last = engine.cameras().getFirst().recordingStats().orElseThrow();
            }
            assertThat(last.packetsDropped()).isZero();
            assertThat(leastFree.get()).as("free space never came near the pause threshold")
                    .isGreaterThan(2L << 20);
            List<RecordingGap> gaps = new GapStore(db).list(lot.id(), Instant.EPOCH, Instant.now().plusSeconds(60));
            assertThat(gaps).as("recording never paused").noneMatch(g -> g.reason() == RecordingGap.Reason.PAUSED);
            SegmentStore segments = new SegmentStore(db);
            List<Segment> left = segments.all(lot.id());
            assertThat(segments.totalBytes(lot.id())).as("what is kept fits the disk less its reserve")
                    .isLessThanOrEqualTo(DISK - (6L << 20) + (4L << 20));
            assertThat(left).allSatisfy(s -> assertThat(Path.of(s.path())).exists());
            assertThat(left.getLast().endedAt()).as("the newest footage is kept")
                    .isAfter(Instant.now().minusSeconds(10));
            assertThat(last.segmentsClosed()).isGreaterThan(left.size() + 5);
            assertThat(new AuditLog(db.jdbi()).about("camera:" + lot.id()))
                    .anySatisfy(a -> assertThat(a.detail()).contains("recording reserve"));
        }
    }

    /** vtest.avi at 2560x1440, MPEG-4 Part 2 at its best quality: about 2 MB/s, a keyframe every second. */
    private static Path highBitrate(Path out) throws Exception {
        String ffmpeg = Loader.load(ffmpeg.class);
        Process p = new ProcessBuilder(ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-r", "25", "-i",
                TestMedia.file("vtest.avi").toString(), "-t", "8", "-vf", "scale=2560:1440", "-c:v", "mpeg4",
                "-q:v", "1", "-g", "25", "-an", out.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        return out;
    }
}
