package org.watchroom.core.camera;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.frame.FrameSlot;
import org.watchroom.core.testing.SlowTest;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.Waits;

/** Sources that need no network: lavfi test patterns and files. */
@SlowTest
class LocalSourceTest {
    @TempDir
    Path temp;

    @Test
    void lavfiPatternGoesLiveWithChangingNonUniformPixels() {
        try (CameraSource source = new CameraSource("pattern", CameraUrl.parse("lavfi:testsrc2=size=320x240:rate=25"),
                SourceOptions.defaults())) {
            FrameRing.Reader reader = source.ring().newReader("test");
            source.start();
            Waits.until(Duration.ofSeconds(10), () -> source.state() instanceof CameraState.Live);
            Waits.until(Duration.ofSeconds(5), reader::hasNewer);
            FrameSlot first = reader.acquireNewest();
            assertThat(first.width()).isEqualTo(320);
            assertThat(first.height()).isEqualTo(240);
            long firstHash = hash(first.pixels());
            assertThat(distinctSamples(first.pixels())).as("a test card is not one colour").isGreaterThan(8);
            long firstSequence = first.sequence();
            Waits.until(Duration.ofSeconds(5), reader::hasNewer);
            FrameSlot second = reader.acquireNewest();
            assertThat(second.sequence()).isGreaterThan(firstSequence);
            assertThat(hash(second.pixels())).as("the picture moves").isNotEqualTo(firstHash);
            reader.close();
            CameraStats stats = source.stats();
            assertThat(stats.framesDecoded()).isPositive();
            assertThat(stats.width()).isEqualTo(320);
        }
    }

    @Test
    void fileSourcePlaysAtItsNativeRateAndHandsEveryPacketToListeners() throws Exception {
        Path footage = TestMedia.file("vtest.avi"); // 10 fps
        AtomicLong packets = new AtomicLong();
        try (CameraSource source = new CameraSource("footage", CameraUrl.parse(footage.toString()), SourceOptions.defaults())) {
            source.addPacketListener((packet, stream, changed) -> packets.incrementAndGet());
            source.start();
            Waits.until(Duration.ofSeconds(10), () -> source.state() instanceof CameraState.Live);
            long start = source.stats().framesDecoded();
            Thread.sleep(3000);
            long played = source.stats().framesDecoded() - start;
            assertThat(played).as("about 30 frames in 3 s at 10 fps, not the whole file").isBetween(20L, 40L);
            assertThat(packets.get()).isGreaterThanOrEqualTo(source.stats().framesDecoded());
            assertThat(source.stats().codec()).isEqualTo("msmpeg4");
        }
    }

    @Test
    void loopedFileKeepsPlayingPastItsEnd() throws Exception {
        Path clip = shortClip(temp.resolve("one-second.avi"));
        CopyOnWriteArrayList<CameraState> states = new CopyOnWriteArrayList<>();
        try (CameraSource source = new CameraSource("loop", CameraUrl.parse(clip + "?loop=1"), SourceOptions.defaults())) {
            source.addStateListener(states::add);
            source.start();
            Waits.until(Duration.ofSeconds(10), () -> source.stats().framesDecoded() > 40); // 20 frames per loop
            assertThat(source.state()).isInstanceOf(CameraState.Live.class);
            assertThat(source.stats().reconnects()).isZero();
            assertThat(states).noneMatch(s -> s instanceof CameraState.Reconnecting);
        }
    }

    @Test
    void unloopedFileStopsAtItsEnd() throws Exception {
        Path clip = shortClip(temp.resolve("once.avi"));
        try (CameraSource source = new CameraSource("once", CameraUrl.parse(clip.toString()), SourceOptions.defaults())) {
            source.start();
            Waits.until(Duration.ofSeconds(10), () -> source.state() instanceof CameraState.Stopped
                    && source.stats().framesDecoded() > 0);
            assertThat(source.stats().framesDecoded()).isEqualTo(20);
        }
    }

    @Test
    void missingAndCorruptFilesFailWithAClearReason() throws Exception {
        try (CameraSource missing = new CameraSource("missing", CameraUrl.parse(temp.resolve("nope.mp4").toString()),
                SourceOptions.defaults())) {
            missing.start();
            Waits.until(Duration.ofSeconds(10), () -> missing.state() instanceof CameraState.Failed);
            assertThat(((CameraState.Failed) missing.state()).reason()).startsWith("file not found");
        }
        Path junk = Files.write(temp.resolve("junk.mp4"), new byte[64 * 1024]);
        try (CameraSource corrupt = new CameraSource("junk", CameraUrl.parse(junk.toString()), SourceOptions.defaults())) {
            corrupt.start();
            Waits.until(Duration.ofSeconds(10), () -> corrupt.state() instanceof CameraState.Failed);
            assertThat(((CameraState.Failed) corrupt.state()).reason()).contains("invalid data");
        }
    }

    @Test
    void requestedOutputSizeIsWhatSwscaleProduces() {
        try (CameraSource source = new CameraSource("sized", CameraUrl.parse("lavfi:testsrc2=size=640x360:rate=25"),
                SourceOptions.defaults())) {
            FrameRing.Reader reader = source.ring().newReader("tile");
            source.requestOutputSize(320, 320);
            source.start();
            Waits.until(Duration.ofSeconds(10), reader::hasNewer);
            FrameSlot slot = reader.acquireNewest();
            assertThat(slot.width()).isEqualTo(320);
            assertThat(slot.height()).isEqualTo(180);
            reader.release();
        }
    }

    @Test
    void ingestThreadAllocatesNothingPerFrameInSteadyState() throws Exception {
        Path footage = TestMedia.file("vtest.avi");
        try (CameraSource source = new CameraSource("alloc", CameraUrl.parse(footage + "?loop=1"), SourceOptions.defaults())) {
            source.addPacketListener((packet, stream, changed) -> { });
            source.start();
            Waits.until(Duration.ofSeconds(10), () -> source.stats().framesDecoded() > 20);
            Thread ingest = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("ingest-alloc")).findFirst().orElseThrow();
            Thread converter = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("convert-alloc")).findFirst().orElseThrow();
            ThreadMXBean mx =
                    (ThreadMXBean) ManagementFactory.getThreadMXBean();
            long framesBefore = source.stats().framesDecoded();
            long bytesBefore = mx.getThreadAllocatedBytes(ingest.threadId());
            long converterBytesBefore = mx.getThreadAllocatedBytes(converter.threadId());
            Thread.sleep(3000);
            long frames = source.stats().framesDecoded() - framesBefore;
            long bytes = mx.getThreadAllocatedBytes(ingest.threadId()) - bytesBefore;
            long converterBytes = mx.getThreadAllocatedBytes(converter.threadId()) - converterBytesBefore;
            assertThat(frames).isGreaterThan(20);
            assertThat(bytes / frames).as("bytes allocated per frame on the ingest thread").isLessThan(64);
            assertThat(converterBytes / frames).as("bytes allocated per frame on the converter thread").isLessThan(64);
        }
    }

    /** A 1-second, 20-frame MJPEG clip made from a lavfi pattern. */
    static Path shortClip(Path target) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber("testsrc2=size=160x120:rate=20:duration=1")) {
            grabber.setFormat("lavfi");
            grabber.start();
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toString(), 160, 120)) {
                recorder.setFormat("avi");
                recorder.setVideoCodecName("mjpeg");
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUVJ420P);
                recorder.setFrameRate(20);
                recorder.start();
                Frame frame;
                while ((frame = grabber.grabImage()) != null) {
                    recorder.record(frame);
                }
            }
        }
        return target;
    }

    private static long hash(ByteBuffer pixels) {
        long h = 1;
        for (int i = 0; i < pixels.limit(); i += 4) {
            h = 31 * h + pixels.getInt(i);
        }
        return h;
    }

    private static long distinctSamples(ByteBuffer pixels) {
        return IntStream.range(0, 64).map(i -> pixels.getInt((pixels.limit() / 4 / 64) * i * 4))
                .distinct().count();
    }
}
