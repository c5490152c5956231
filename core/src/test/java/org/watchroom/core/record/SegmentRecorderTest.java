package org.watchroom.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.camera.CameraSource;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.testing.ManualClock;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.Waits;

/** Continuous recording of real footage into real segment files, read back with FFmpeg frame by frame. */
class SegmentRecorderTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("JavaInstantGetSecondsGetNano") // micros within the milli: getNano() alone is what it needs
    void consecutiveSegmentsHoldEveryFrameOfTheSourceOnceAtContinuousTimes() throws Exception {
        Path source = TestMedia.file("vtest.mp4"); // H.264, 795 frames at 10 fps, a keyframe every 2 s, B-frames
        SegmentLog log = new SegmentLog();
        CameraSource camera = new CameraSource("vtest", CameraUrl.parse(source.toString()),
                SourceOptions.defaults().withPacing(false).withDecodeOnlyWhenWatched(true));
        // played faster than real time: the stream's clock, not arrival, must place the segments (no drift check)
        SegmentRecorder recorder = new SegmentRecorder("vtest", dir.resolve("cam1-vtest"),
                SegmentSettings.continuous(Duration.ofSeconds(3)).withMaxDrift(null), Clock.systemUTC(), null, log);
        camera.addPacketListener(recorder);
        camera.addStateListener(recorder::onSourceState);
        camera.start();
        Waits.until(Duration.ofSeconds(60), () -> camera.state() instanceof CameraState.Stopped
                && recorder.stats().packetsReceived() >= 795);
        camera.removePacketListener(recorder);
        recorder.close();
        camera.close();

        List<SegmentInfo> segments = log.closed();
        assertThat(segments).as("79.5 s cut at the first keyframe after 3 s: 4 s segments").hasSizeBetween(18, 22);
        DecodedFrames original = DecodedFrames.of(source);
        assertThat(original.frames()).hasSize(795);
        List<DecodedFrames.Frame> recorded = new ArrayList<>();
        List<Long> wallMicros = new ArrayList<>();
        long firstWall = segments.getFirst().startedAt().toEpochMilli() * 1000
                + segments.getFirst().startedAt().getNano() / 1000 % 1000;
        for (int i = 0; i < segments.size(); i++) {
            SegmentInfo s = segments.get(i);
            assertThat(s.sha256()).isEqualTo(Sha256.of(s.path()));
            assertThat(s.bytes()).isEqualTo(Files.size(s.path()));
            assertThat(s.streamCopied()).isTrue();
            assertThat(s.codec()).isEqualTo("h264");
            assertThat(s.path().toString()).matches(".*/cam1-vtest/\\d{4}-\\d\\d-\\d\\d/\\d\\d/\\d{8}-\\d{6}-\\d{3}(-\\d+)?\\.mp4");
            if (i > 0) {
                assertThat(s.startedAt()).as("segment %d starts where %d ends", i, i - 1)
                        .isEqualTo(segments.get(i - 1).endedAt());
            }
            if (i < segments.size() - 1) {
                assertThat(s.duration()).as("cut at the first keyframe (every 2 s) after 3 s")
                        .isEqualTo(Duration.ofSeconds(4));
            }
            DecodedFrames frames = DecodedFrames.of(s.path());
            assertThat(frames.firstPacketKey()).as("segment %d starts on a keyframe", i).isTrue();
            long start = Duration.between(segments.getFirst().startedAt(), s.startedAt()).toNanos() / 1000;
            for (DecodedFrames.Frame f : frames.frames()) {
                recorded.add(f);
                wallMicros.add(start + f.ptsMicros());
            }
        }
        assertThat(firstWall).isPositive();
        assertThat(recorded).as("every frame once, in order, unaltered").hasSize(795)
                .extracting(DecodedFrames.Frame::lumaCrc)
                .containsExactlyElementsOf(original.frames().stream().map(DecodedFrames.Frame::lumaCrc).toList());
        for (int i = 0; i < 795; i++) {
            // the frame's wall time (segment start + its time in the file) keeps the source's spacing across joins
            assertThat(wallMicros.get(i)).as("frame %d", i)
                    .isCloseTo(original.frames().get(i).ptsMicros(), Offset.offset(1_000L));
        }
        SegmentStats stats = recorder.stats();
        assertThat(stats.packetsReceived()).isEqualTo(795);
        assertThat(stats.packetsDropped()).isZero();
        assertThat(stats.segmentsClosed()).isEqualTo(segments.size());
        assertThat((double) stats.bytesWritten() / stats.bytesReceived()).as("container overhead")
                .isBetween(1.0, 1.02);
        assertThat(log.gaps()).as("a file played to its end has no gap").isEmpty();
    }

    @Test
    void motionModeKeepsTheSegmentsNearMotionAndDeletesTheRest() throws Exception {
        // A clock that stands still: segment times then follow the stream alone, and no segment is decided before
        // the recorder closes (its pre-roll never passes), so the motion reported below reaches every decision.
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z").toEpochMilli());
        SegmentLog log = new SegmentLog();
        CameraSource camera = new CameraSource("yard", CameraUrl.parse(TestMedia.file("vtest.mp4").toString()),
                SourceOptions.defaults().withPacing(false).withDecodeOnlyWhenWatched(true));
        SegmentRecorder recorder = new SegmentRecorder("yard", dir.resolve("cam2-yard"),
                SegmentSettings.continuous(Duration.ofSeconds(3)).withMaxDrift(null).withMotionOnly(true)
                        .withMotionRoll(Duration.ofSeconds(5), Duration.ofSeconds(10)), clock, null, log);
        camera.addPacketListener(recorder);
        camera.start();
        Waits.until(Duration.ofSeconds(60), () -> recorder.stats().packetsReceived() >= 795
                && recorder.stats().queued() == 0 && log.entries.stream().filter(e -> e instanceof SegmentLog.Opened)
                .count() >= 20);
        camera.removePacketListener(recorder);
        camera.close();
        List<SegmentLog.Opened> opened = log.entries.stream().filter(e -> e instanceof SegmentLog.Opened)
                .map(e -> (SegmentLog.Opened) e).toList();
        assertThat(log.closed()).as("nothing decided while the pre-roll has not passed").isEmpty();
        // motion 1 s into the fifth segment (16-20 s): kept are the segments from 5 s before it (the one ending at
        // 12 s) to 10 s after it (the one starting at 24 s)
        recorder.motion(opened.get(4).startedAt().plusSeconds(1));
        recorder.close();

        assertThat(log.closed()).extracting(SegmentInfo::path)
                .containsExactlyElementsOf(opened.subList(2, 7).stream().map(SegmentLog.Opened::file).toList());
        assertThat(log.closed()).allSatisfy(k -> assertThat(DecodedFrames.of(k.path()).frames()).hasSize(40));
        List<SegmentLog.Discarded> discarded = log.entries.stream().filter(e -> e instanceof SegmentLog.Discarded)
                .map(e -> (SegmentLog.Discarded) e).toList();
        assertThat(discarded).hasSize(opened.size() - 5).allSatisfy(d -> {
            assertThat(d.why()).contains("no motion");
            assertThat(d.file()).doesNotExist();
        });
        assertThat(recorder.stats().segmentsClosed()).isEqualTo(5);
        assertThat(recorder.stats().segmentsDiscarded()).isEqualTo(opened.size() - 5);
    }
}
