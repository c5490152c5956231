package org.watchroom.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.camera.CameraSource;
import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.testing.FrozenDisk;
import org.watchroom.core.testing.SlowTest;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.Waits;

/**
 * A disk that stalls for seconds (a real ext4 frozen with fsfreeze) under a camera's recording, with a queue of
 * eight packets: the camera's ingest never waits (its decoded frames keep coming at the stream's rate), the
 * recorder drops and counts up to the next keyframe, and once the disk writes again the hole is a {@code dropped}
 * gap between two segments that play.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@SlowTest
class SegmentRecorderStallTest {
    @TempDir
    Path dir;

    @Test
    void aStalledDiskNeverStallsIngestDropsAreCountedAndTheHoleIsADroppedGap() throws Exception {
        FrozenDisk.assumeAvailable();
        SegmentLog log = new SegmentLog();
        try (FrozenDisk disk = FrozenDisk.mount(dir.resolve("recordings"), dir.resolve("disk.img"), 64)) {
            CameraSource camera = new CameraSource("stall", CameraUrl.parse(TestMedia.file("vtest.mp4") + "?loop=1"),
                    SourceOptions.defaults()); // 10 fps, every frame decoded for the wall
            SegmentRecorder recorder = new SegmentRecorder("stall", disk.dir().resolve("cam1-stall"),
                    SegmentSettings.continuous(Duration.ofSeconds(2)).withQueue(8, 4 << 20), Clock.systemUTC(),
                    null, log);
            camera.addPacketListener(recorder);
            camera.addStateListener(recorder::onSourceState);
            camera.start();
            try {
                Waits.until(Duration.ofSeconds(30), () -> log.closed().size() >= 2);
                disk.freeze();
                long decodedBefore = camera.stats().framesDecoded();
                long frozenAt = System.nanoTime();
                Waits.until(Duration.ofSeconds(20), () -> recorder.stats().packetsDropped() >= 10
                        && System.nanoTime() - frozenAt > 5_000_000_000L);
                long decodedDuring = camera.stats().framesDecoded() - decodedBefore;
                double seconds = (System.nanoTime() - frozenAt) / 1e9;
                assertThat(decodedDuring).as("frames decoded for the wall in %.1f s of a stalled disk", seconds)
                        .isGreaterThanOrEqualTo((long) (seconds * 10 * 0.8));
                assertThat(recorder.stats().queued()).isLessThanOrEqualTo(8);
                disk.thaw();
                Waits.until(Duration.ofSeconds(30), () -> log.closed().stream().anyMatch(s ->
                        log.gaps().stream().anyMatch(g -> g.reason() == RecordingGap.Reason.DROPPED
                                && !s.startedAt().isBefore(g.at()))));
            } finally {
                disk.thaw();
                camera.removePacketListener(recorder);
                camera.close();
                recorder.close();
            }
            SegmentStats stats = recorder.stats();
            assertThat(stats.packetsDropped()).isGreaterThanOrEqualTo(10);
            assertThat(stats.dropRuns()).isPositive();
            SegmentLog.GapBegan dropped = log.gaps().stream().filter(g -> g.reason() == RecordingGap.Reason.DROPPED)
                    .findFirst().orElseThrow();
            assertThat(dropped.detail()).contains("packets dropped");
            int at = log.entries.indexOf(dropped);
            SegmentInfo before = log.entries.subList(0, at).stream().filter(e -> e instanceof SegmentLog.Closed)
                    .map(e -> ((SegmentLog.Closed) e).segment()).reduce((a, b) -> b).orElseThrow();
            SegmentLog.GapEnded ended = (SegmentLog.GapEnded) log.entries.subList(at, log.entries.size()).stream()
                    .filter(e -> e instanceof SegmentLog.GapEnded).findFirst().orElseThrow();
            SegmentInfo after = log.entries.subList(at, log.entries.size()).stream()
                    .filter(e -> e instanceof SegmentLog.Closed).map(e -> ((SegmentLog.Closed) e).segment())
                    .findFirst().orElseThrow();
            assertThat(dropped.at()).as("the gap starts where the footage before it ends").isEqualTo(before.endedAt());
            assertThat(ended.at()).as("and ends where the next segment starts").isEqualTo(after.startedAt());
            for (SegmentInfo s : List.of(before, after)) {
                DecodedFrames frames = DecodedFrames.of(s.path());
                assertThat(frames.firstPacketKey()).isTrue();
                assertThat(frames.frames()).as("%s plays", s.path()).isNotEmpty();
            }
        }
    }
}
