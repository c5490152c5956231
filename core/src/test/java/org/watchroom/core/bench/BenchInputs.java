package org.watchroom.core.bench;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.watchroom.core.camera.PacketListener;
import org.watchroom.core.media.FfmpegInput;
import org.watchroom.core.media.MediaInput;
import org.watchroom.core.testing.TestMedia;

/**
 * What the recording benchmarks share: their inputs, the demux loop a camera's ingest thread runs, and the
 * {@code ffmpeg -benchmark} baseline's CPU time.
 *
 * <p>Thread-safety: stateless; each call works on its own objects.
 */
final class BenchInputs {
    private static final Pattern FFMPEG_BENCH =
            Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s rtime=([0-9.]+)s");

    private BenchInputs() {
    }

    /** CPU (user + system) and wall time of one {@code ffmpeg -benchmark} run, and what it printed. */
    record FfmpegRun(long cpuNanos, long wallNanos, String output) {
    }

    /**
     * {@code vtest.avi} scaled to {@code width x height} H.264 at 25 fps, GOP 50 (bundled ffmpeg, libopenh264),
     * made once in {@code work}; above 1080p only its first 16 s (400 frames: encoding 4K is slow here).
     */
    static Path scaledVtest(String ffmpeg, Path work, int width, int height, String bitrate) throws Exception {
        Path out = work.resolve("vtest-" + height + "p-h264.mp4");
        if (!Files.exists(out)) {
            List<String> command = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-r",
                    "25", "-i", TestMedia.file("vtest.avi").toString()));
            if (height > 1080) {
                command.addAll(List.of("-t", "16"));
            }
            command.addAll(List.of("-vf", "scale=" + width + ":" + height, "-c:v", "libopenh264", "-b:v", bitrate,
                    "-g", "50", "-an", out.toString()));
            Process p = new ProcessBuilder(command).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("could not make " + out);
            }
        }
        return out;
    }

    /**
     * Demuxes {@code file} {@code loops} times over, as a camera's ingest thread does, handing each packet to
     * {@code listener} (null: demux alone) and then running {@code afterPacket}; returns the packets read.
     */
    static long demuxLoop(Path file, int loops, PacketListener listener, Runnable afterPacket) {
        AVPacket packet = av_packet_alloc();
        long packets = 0;
        try (FfmpegInput input = new FfmpegInput()) {
            if (input.open(MediaInput.file(file)) < 0) {
                throw new IllegalStateException("cannot open " + file);
            }
            boolean changed = true;
            int done = 0;
            while (done < loops) {
                int result = input.read(packet);
                if (result == AVERROR_EOF) {
                    done++;
                    input.rewind();
                    changed = true;
                    continue;
                }
                if (result < 0) {
                    throw new IllegalStateException("read failed: " + result);
                }
                packets++;
                if (listener != null) {
                    listener.onPacket(packet, input.stream(packet.stream_index()), changed);
                    afterPacket.run();
                }
                changed = false;
            }
        } finally {
            av_packet_free(packet);
        }
        return packets;
    }

    /** Runs an {@code ffmpeg ... -benchmark ...} command and reads its CPU time from what it prints. */
    static FfmpegRun ffmpegBenchmark(List<String> command) throws Exception {
        long wall0 = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        long wall = System.nanoTime() - wall0;
        Matcher m = FFMPEG_BENCH.matcher(text);
        if (exit != 0 || !m.find()) {
            throw new IllegalStateException("ffmpeg failed (" + exit + "):\n" + text);
        }
        long cpu = (long) ((Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2))) * 1e9);
        return new FfmpegRun(cpu, wall, text);
    }

    /** The run with the median of {@code cost}. */
    static <T> T median(List<T> runs, ToLongFunction<T> cost) {
        List<T> sorted = runs.stream().sorted(Comparator.comparingLong(cost)).toList();
        return sorted.get(sorted.size() / 2);
    }
}
