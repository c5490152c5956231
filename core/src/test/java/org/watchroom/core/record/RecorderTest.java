package org.watchroom.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.ffmpeg;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.watchroom.core.camera.CameraSource;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.testing.RtspTest;
import org.watchroom.core.testing.RtspTestServer;
import org.watchroom.core.testing.SlowTest;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.Waits;

/**
 * {@link Recorder} on real cameras: the RTSP test server serving vtest.avi as H.264 (10 fps, a keyframe every
 * 10 frames), vtest.mp4 played as a looping, paced file, and files whose codec MP4 cannot take. Clips are read back with FFmpeg.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@RtspTest
@SlowTest
class RecorderTest {
    @TempDir
    Path dir;

    /** Collects what a store would receive. */
    static final class Clips implements Recorder.Listener {
        final BlockingQueue<ClipInfo> closed = new LinkedBlockingQueue<>();
        final BlockingQueue<Path> opened = new LinkedBlockingQueue<>();
        final BlockingQueue<String> failed = new LinkedBlockingQueue<>();

        @Override
        public void clipOpened(Path path, Instant startedAt, List<Long> eventIds) { opened.add(path); }

        @Override
        public void clipClosed(ClipInfo clip) { closed.add(clip); }

        @Override
        public void clipFailed(Path path, String reason, List<Long> eventIds) { failed.add(reason); }
    }

    @Test
    void rtspEventClipHoldsPreRollEventAndPostRollFromAKeyframe() throws Exception {
        Clips clips = new Clips();
        RecordSettings settings = RecordSettings.defaults()
                .withPreRoll(Duration.ofSeconds(3)).withPostRoll(Duration.ofSeconds(2));
        try (RtspTestServer server = RtspTestServer.builder().footage(TestMedia.file("vtest.avi")).start();
             Recorder recorder = new Recorder("front door", dir, settings, clips);
             CameraSource source = new CameraSource("front", CameraUrl.parse(server.url("/vtest")),
                     SourceOptions.defaults())) {
            source.addPacketListener(recorder);
            source.start();
            Waits.until(Duration.ofSeconds(15), () -> source.state() instanceof CameraState.Live);
            Thread.sleep(7000);
            recorder.startOrExtend(1, Instant.now());
            Path opened = clips.opened.poll(5, TimeUnit.SECONDS);
            assertThat(opened).isNotNull();
            assertThat(recorder.recording()).isTrue();
            Thread.sleep(2000);
            recorder.eventEnded(1, Instant.now());
            ClipInfo clip = clips.closed.poll(10, TimeUnit.SECONDS);
            source.removePacketListener(recorder);

            assertThat(clip).isNotNull();
            assertThat(clips.failed).isEmpty();
            assertThat(clip.path()).isEqualTo(opened).exists();
            assertThat(clip.eventIds()).containsExactly(1L);
            assertThat(clip.streamCopied()).isTrue();
            assertThat(clip.codec()).isEqualTo("h264");
            assertThat(clip.bytes()).isEqualTo(Files.size(clip.path()));
            assertThat(clip.sha256()).isEqualTo(Sha256.of(clip.path()));
            // pre-roll 3 s (back to a keyframe: at most one 1 s GOP more) + event 2 s + post-roll 2 s
            double seconds = clip.duration().toMillis() / 1000.0;
            assertThat(seconds).isBetween(7.0 - 0.5, 8.0 + 0.5);

            ClipProbe probe = ClipProbe.of(clip.path());
            System.out.println("RTSP clip: " + clip + " " + probe);
            assertThat(probe.firstKey()).isTrue();
            assertThat(probe.firstDts()).isZero();
            assertThat(probe.firstPts()).isZero();
            assertThat(probe.lastSeconds()).isCloseTo(seconds, within(0.3));
            assertThat(probe.decodedFrames()).isBetween((int) (seconds * 10) - 5, (int) (seconds * 10) + 5);
        }
    }

    @Test
    void overlappingEventsShareOneClip() throws Exception {
        Clips clips = new Clips();
        RecordSettings settings = RecordSettings.defaults()
                .withPreRoll(Duration.ofSeconds(1)).withPostRoll(Duration.ofSeconds(1));
        try (Recorder recorder = new Recorder("yard", dir, settings, clips);
             CameraSource source = new CameraSource("yard",
                     CameraUrl.parse(TestMedia.file("vtest.mp4") + "?loop=1"), SourceOptions.defaults())) {
            source.addPacketListener(recorder);
            source.start();
            Waits.until(Duration.ofSeconds(15), () -> source.state() instanceof CameraState.Live);
            Thread.sleep(2500);
            recorder.startOrExtend(10, Instant.now());
            Thread.sleep(1000);
            recorder.startOrExtend(11, Instant.now());
            Thread.sleep(1000);
            recorder.eventEnded(10, Instant.now()); // 11 still open: the clip goes on
            Thread.sleep(1500);
            assertThat(recorder.recording()).isTrue();
            assertThat(clips.closed).isEmpty();
            recorder.eventEnded(11, Instant.now());
            ClipInfo clip = clips.closed.poll(10, TimeUnit.SECONDS);

            // a later event, after the post-roll, gets a clip of its own
            recorder.startOrExtend(12, Instant.now());
            Thread.sleep(500);
            recorder.eventEnded(12, Instant.now());
            ClipInfo next = clips.closed.poll(10, TimeUnit.SECONDS);
            source.removePacketListener(recorder);

            assertThat(clips.opened).hasSize(2);
            assertThat(clip).isNotNull();
            assertThat(clip.eventIds()).containsExactly(10L, 11L);
            // pre-roll 1 s (+ one GOP at most) + 3.5 s of events + 1 s post-roll
            assertThat(clip.duration().toMillis() / 1000.0).isBetween(5.0, 5.5 + gopSeconds() + 0.5);
            ClipProbe probe = ClipProbe.of(clip.path());
            System.out.println("Overlap clip: " + clip + " " + probe);
            assertThat(probe.firstKey()).isTrue();
            assertThat(probe.firstDts()).isZero();
            assertThat(probe.decodedFrames()).isGreaterThanOrEqualTo(45);
            assertThat(next).isNotNull();
            assertThat(next.eventIds()).containsExactly(12L);
            assertThat(next.path()).isNotEqualTo(clip.path());
        }
    }

    /** vtest.avi is MS-MPEG4 v3 (refused by MP4); an MJPEG file is made from it with the bundled ffmpeg. */
    @ParameterizedTest
    @ValueSource(strings = {"msmpeg4v3", "mjpeg"})
    void codecsMp4CannotTakeAreReencodedToH264(String codec) throws Exception {
        Path footage = TestMedia.file("vtest.avi");
        if (codec.equals("mjpeg")) {
            footage = dir.resolve("mjpeg.avi");
            Process ffmpeg = new ProcessBuilder(Loader.load(ffmpeg.class), "-hide_banner",
                    "-nostdin", "-loglevel", "error", "-i", TestMedia.file("vtest.avi").toString(), "-t", "8",
                    "-c:v", "mjpeg", "-q:v", "5", "-y", footage.toString()).inheritIO().start();
            assertThat(ffmpeg.waitFor()).isZero();
        }
        Clips clips = new Clips();
        RecordSettings settings = RecordSettings.defaults()
                .withPreRoll(Duration.ofSeconds(1)).withPostRoll(Duration.ofSeconds(1));
        Path clipDir = Files.createDirectories(dir.resolve("clips"));
        try (Recorder recorder = new Recorder("old", clipDir, settings, clips);
             CameraSource source = new CameraSource("old", CameraUrl.parse(footage + "?loop=1"),
                     SourceOptions.defaults())) {
            source.addPacketListener(recorder);
            source.start();
            Waits.until(Duration.ofSeconds(15), () -> source.state() instanceof CameraState.Live);
            Thread.sleep(2000);
            recorder.startOrExtend(7, Instant.now());
            Thread.sleep(2000);
            recorder.eventEnded(7, Instant.now());
            ClipInfo clip = clips.closed.poll(15, TimeUnit.SECONDS);
            source.removePacketListener(recorder);

            assertThat(clips.failed).isEmpty();
            assertThat(clip).isNotNull();
            assertThat(clip.streamCopied()).isFalse();
            assertThat(clip.codec()).isEqualTo("h264");
            assertThat(clip.eventIds()).containsExactly(7L);
            assertThat(clip.sha256()).isEqualTo(Sha256.of(clip.path()));
            ClipProbe probe = ClipProbe.of(clip.path());
            System.out.println(codec + " re-encoded clip: " + clip + " " + probe);
            assertThat(probe.codec()).isEqualTo("h264");
            assertThat(probe.firstKey()).isTrue();
            assertThat(probe.firstDts()).isZero();
            double seconds = clip.duration().toMillis() / 1000.0;
            // 1 s pre-roll (back to a keyframe) + 2 s event + 1 s post-roll
            assertThat(seconds).isBetween(3.5, 4.0 + gopSeconds() + 0.5);
            assertThat(probe.decodedFrames()).isBetween((int) (seconds * 10) - 3, (int) (seconds * 10) + 3);
        }
    }

    /** vtest.mp4's keyframe interval, generous. */
    private static double gopSeconds() { return 2.5; }
}
