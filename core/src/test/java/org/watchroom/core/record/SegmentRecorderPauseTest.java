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
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.Tmpfs;
import org.watchroom.core.testing.Waits;

/**
 * A full disk under continuous recording (a real 32 MiB tmpfs filled to the last byte by someone else): the disk
 * guard pauses recording at the next keyframe; the fragment that could no longer be written is cut off, so the
 * segment ends whole on its last complete fragment; a {@code paused} gap from there says why; and recording resumes
 * by itself at the first keyframe after space is freed.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SegmentRecorderPauseTest {
    @TempDir
    Path dir;

    @Test
    void tooLittleFreeSpacePausesAtAKeyframeWithAPausedGapAndRecordingResumesWhenSpaceReturns() throws Exception {
        Tmpfs.assumeAvailable();
        SegmentLog log = new SegmentLog();
        try (Tmpfs disk = Tmpfs.mount(dir.resolve("recordings"), 32)) {
            DiskGuard guard = new DiskGuard(disk.dir(), 4 << 20);
            CameraSource camera = new CameraSource("lot", CameraUrl.parse(TestMedia.file("vtest.mp4") + "?loop=1"),
                    SourceOptions.defaults().withDecodeOnlyWhenWatched(true)); // 10 fps, a keyframe every 2 s
            SegmentRecorder recorder = new SegmentRecorder("lot", disk.dir().resolve("cam1-lot"),
                    SegmentSettings.continuous(Duration.ofSeconds(30)), Clock.systemUTC(), guard, log);
            camera.addPacketListener(recorder);
            camera.start();
            try {
                Waits.until(Duration.ofSeconds(20), () -> log.entries.stream()
                        .anyMatch(e -> e instanceof SegmentLog.Opened));
                Thread.sleep(2500); // a fragment or two into the segment
                disk.fill();
                Waits.until(Duration.ofSeconds(20), () -> log.gaps().stream()
                        .anyMatch(g -> g.reason() == RecordingGap.Reason.PAUSED));
                assertThat(guard.alert()).isPresent();
                disk.free();
                Waits.until(Duration.ofSeconds(20), () -> log.entries.stream()
                        .filter(e -> e instanceof SegmentLog.Opened).count() >= 2);
            } finally {
                camera.removePacketListener(recorder);
                camera.close();
                recorder.close();
            }
            List<SegmentInfo> closed = log.closed();
            assertThat(closed).hasSize(2);
            SegmentLog.GapBegan paused = log.gaps().stream().filter(g -> g.reason() == RecordingGap.Reason.PAUSED)
                    .findFirst().orElseThrow();
            assertThat(paused.detail()).contains("Recording paused");
            assertThat(paused.at()).as("from the end of the segment closed at the keyframe")
                    .isEqualTo(closed.getFirst().endedAt());
            SegmentLog.GapEnded resumed = log.entries.stream().filter(e -> e instanceof SegmentLog.GapEnded)
                    .map(e -> (SegmentLog.GapEnded) e).findFirst().orElseThrow();
            assertThat(resumed.at()).isEqualTo(closed.get(1).startedAt());
            for (SegmentInfo s : closed) {
                DecodedFrames frames = DecodedFrames.of(s.path());
                assertThat(frames.firstPacketKey()).isTrue();
                assertThat(frames.frames()).as("%s is whole: every frame of its %s", s.path(), s.duration())
                        .hasSize((int) (s.duration().toMillis() / 100));
            }
            assertThat(recorder.stats().packetsDropped()).isZero();
        }
    }
}
