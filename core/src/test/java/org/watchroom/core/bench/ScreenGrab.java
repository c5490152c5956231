package org.watchroom.core.bench;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Grabs an X display's pixels with Debian's {@code ffmpeg -f x11grab} (the benchmark's measuring instrument, not
 * part of Watchroom) as RGB24, either one whole-screen picture or a region at a steady rate, each frame stamped
 * with the wall-clock time at which it arrived.
 *
 * <p>Thread-safety: {@link #start} runs the sink on one reader thread; {@link #close} from any thread.
 */
public final class ScreenGrab implements AutoCloseable {
    public static final String FFMPEG = "/usr/bin/ffmpeg";

    private final Process process;
    private final Thread reader;
    private volatile boolean closing;

    /** Receives each grabbed frame; the array is reused for the next frame. */
    public interface Sink {
        void frame(byte[] rgb, long wallMillis);
    }

    private ScreenGrab(Process process, Thread reader) {
        this.process = process;
        this.reader = reader;
    }

    /** One picture of the whole screen of {@code display}, {@code width} x {@code height}. */
    public static byte[] screen(String display, int width, int height) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(FFMPEG, "-hide_banner", "-loglevel", "error", "-f", "x11grab",
                "-draw_mouse", "0", "-video_size", width + "x" + height, "-i", display, "-frames:v", "1",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] rgb = new byte[width * height * 3];
        try (InputStream in = process.getInputStream()) {
            new DataInputStream(in).readFully(rgb);
        } finally {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        return rgb;
    }

    /** Grabs {@code region} of {@code display} {@code fps} times a second into {@code sink} until closed. */
    public static ScreenGrab start(String display, ClockCode.Region region, int fps, Sink sink) throws IOException {
        List<String> command = List.of(FFMPEG, "-hide_banner", "-loglevel", "error", "-f", "x11grab",
                "-draw_mouse", "0", "-framerate", Integer.toString(fps),
                "-video_size", region.width() + "x" + region.height(),
                "-i", String.format(Locale.ROOT, "%s+%d,%d", display, region.x(), region.y()),
                // passthrough: rawvideo is a constant-rate output, which would fill gaps with copies of old grabs
                "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "-flush_packets", "1", "pipe:1");
        // ffmpeg's errors (a region off the screen, a display gone) go to the benchmark's output, not to nowhere
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] frame = new byte[region.width() * region.height() * 3];
        ScreenGrab[] grab = new ScreenGrab[1];
        Thread reader = Thread.ofPlatform().name("screen-grab").daemon().unstarted(() -> {
            try (DataInputStream in = new DataInputStream(process.getInputStream())) {
                while (true) {
                    in.readFully(frame);
                    sink.frame(frame, System.currentTimeMillis());
                }
            } catch (EOFException end) {
                if (!grab[0].closing) {
                    System.err.println("screen grab: ffmpeg ended early (exit " + exitOf(process) + ")");
                }
            } catch (IOException | RuntimeException e) {
                if (!grab[0].closing) {
                    System.err.println("screen grab failed: " + e);
                    e.printStackTrace();
                }
                process.destroy(); // a reader gone would leave ffmpeg blocked on a full pipe
            }
        });
        grab[0] = new ScreenGrab(process, reader);
        reader.start();
        return grab[0];
    }

    private static String exitOf(Process process) {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /** Whether {@code display} answers (an X server is there); the reason when it does not. */
    public static String probe(String display) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(FFMPEG, "-hide_banner", "-loglevel", "error", "-f", "x11grab",
                "-video_size", "16x16", "-i", display, "-frames:v", "1", "-f", "null", "-")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return process.waitFor() == 0 ? "" : output;
    }

    /** CPU time the thread that reads the frames has used (the instrument's own share of this process). */
    public long readerCpuNanos() {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(reader.threadId());
    }

    @Override
    public void close() {
        closing = true;
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
