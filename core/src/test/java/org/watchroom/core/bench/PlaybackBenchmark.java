package org.watchroom.core.bench;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.watchroom.core.playback.ClipReader;
import org.watchroom.core.playback.TestClips;

/**
 * What review playback costs on one thread: opening a clip (with the packet scan for its duration), accurate
 * seeks to random times, frame steps back, and decoding forward with and without the swscale to BGRA, plus the
 * Java heap allocated per decoded and scaled frame. The clip is the first 60 s of vtest.mp4 (768x576, 10 fps,
 * H.264, GOP 20) stream-copied into a fragmented MP4 as the recorder writes it. Not a test; run with
 * {@code ./mvnw -B -o -pl core -Pbench process-test-classes -Dbench.main=org.watchroom.core.bench.PlaybackBenchmark}.
 */
public final class PlaybackBenchmark {
    private static final ThreadMXBean THREADS =
            (ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Path work = Path.of("target", "bench");
        args = BenchMachine.splitArgs(args);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--work")) {
                work = Path.of(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Files.createDirectories(work);
        Path clip = work.resolve("playback-60s.mp4");
        Files.deleteIfExists(clip);
        TestClips.fragmented(clip, 60);

        long openNanos = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            ClipReader.open(clip).close();
            openNanos = Math.min(openNanos, System.nanoTime() - t);
        }
        try (ClipReader reader = ClipReader.open(clip)) {
            long duration = reader.format().durationMicros();
            Random random = new Random(42);
            double[] seeks = new double[60];
            for (int i = 0; i < seeks.length; i++) {
                long target = (long) (random.nextDouble() * duration);
                long t = System.nanoTime();
                reader.seek(target);
                seeks[i] = (System.nanoTime() - t) / 1e6;
            }
            double[] backs = new double[30];
            reader.seek(duration / 2);
            for (int i = 0; i < backs.length; i++) {
                long t = System.nanoTime();
                reader.stepBack();
                backs[i] = (System.nanoTime() - t) / 1e6;
            }
            ByteBuffer target = ByteBuffer.allocateDirect(640 * 480 * 4);
            double decodeOnly = forward(reader, null);
            double scaled = forward(reader, target);
            reader.seek(0);
            for (int i = 0; i < 50; i++) { // warm the scaler and the JIT before counting allocations
                reader.next();
                reader.scaleInto(target, 640, 480);
            }
            long frames = 0;
            long before = THREADS.getCurrentThreadAllocatedBytes();
            while (reader.next()) {
                reader.scaleInto(target, 640, 480);
                frames++;
            }
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            System.out.printf(Locale.ROOT, "clip: %s, %.1f s, %dx%d%n", clip.getFileName(), duration / 1e6,
                    reader.format().width(), reader.format().height());
            System.out.printf(Locale.ROOT, "open (incl. duration scan), best of 5: %.1f ms%n", openNanos / 1e6);
            System.out.printf(Locale.ROOT, "accurate seek, 60 random targets: median %.1f ms, p95 %.1f ms, max %.1f ms%n",
                    percentile(seeks, 50), percentile(seeks, 95), percentile(seeks, 100));
            System.out.printf(Locale.ROOT, "step back, 30 in a row: median %.1f ms, max %.1f ms%n",
                    percentile(backs, 50), percentile(backs, 100));
            System.out.printf(Locale.ROOT, "decode forward: %.0f frames/s; with swscale to 640x480 BGRA: %.0f frames/s%n",
                    decodeOnly, scaled);
            System.out.printf(Locale.ROOT, "heap allocated per decoded+scaled frame: %.1f bytes (%d frames)%n",
                    allocated / (double) frames, frames);
        }
    }

    private static double forward(ClipReader reader, ByteBuffer target) {
        reader.seek(0);
        long frames = 0;
        long t = System.nanoTime();
        while (reader.next()) {
            if (target != null) {
                reader.scaleInto(target, 640, 480);
            }
            frames++;
        }
        return frames / ((System.nanoTime() - t) / 1e9);
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
