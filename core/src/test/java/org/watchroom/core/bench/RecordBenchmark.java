package org.watchroom.core.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.ffmpeg.ffmpeg;
import org.bytedeco.javacpp.Loader;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.record.ClipInfo;
import org.watchroom.core.record.PacketRing;
import org.watchroom.core.record.RecordSettings;
import org.watchroom.core.record.Recorder;
import org.watchroom.core.testing.TestMedia;

/**
 * CPU cost of recording by stream copy: demux + {@link Recorder} (pre-roll ring clone + fragmented-MP4
 * {@code ClipWriter}) on one thread, against the bundled {@code ffmpeg -c copy} with the same movflags on the
 * same input looped {@code --loops} times. Also demux alone, to show what the recording adds on a camera's ingest
 * thread. Not a test; run with {@code java --enable-native-access=ALL-UNNAMED -cp <test classpath>
 * org.watchroom.core.bench.RecordBenchmark [--runs N] [--loops N] [--work DIR]}.
 */
public final class RecordBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    record Run(long packets, long wallNanos, long cpuNanos, long bytes, long hashCpuNanos) {
        Run(long packets, long wallNanos, long cpuNanos, long bytes) {
            this(packets, wallNanos, cpuNanos, bytes, 0);
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        int loops = 40;
        Path work = Path.of("target", "bench");
        args = BenchMachine.splitArgs(args);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--loops" -> loops = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Files.createDirectories(work);
        String ffmpeg = Loader.load(ffmpeg.class);
        // vtest.avi is msmpeg4v3 (MP4 refuses it): the H.264 copy, and 720p / 1080p H.264 made from it once
        List<Path> inputs = List.of(TestMedia.file("vtest.mp4"),
                BenchInputs.scaledVtest(ffmpeg, work, 1280, 720, "4M"),
                BenchInputs.scaledVtest(ffmpeg, work, 1920, 1080, "8M"));
        for (Path file : inputs) {
            String name = file.getFileName().toString();
            for (int i = 0; i < 2; i++) { // warm-up: JIT, page cache
                recorder(file, loops, work);
                demux(file, loops);
                ring(file, loops);
            }
            List<Run> rings = new ArrayList<>();
            List<Run> ours = new ArrayList<>();
            List<Run> demux = new ArrayList<>();
            List<Run> cli = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                ours.add(recorder(file, loops, work));
                demux.add(demux(file, loops));
                rings.add(ring(file, loops));
                cli.add(ffmpegCopy(ffmpeg, file, loops, work));
            }
            Run o = BenchInputs.median(ours, Run::cpuNanos);
            Run d = BenchInputs.median(demux, Run::cpuNanos);
            Run c = BenchInputs.median(cli, Run::cpuNanos);
            Run r = BenchInputs.median(rings, Run::cpuNanos);
            System.out.printf(Locale.ROOT, "%s x%d: %d packets%n", name, loops, o.packets());
            System.out.printf(Locale.ROOT, "  demux only (FfmpegInput)      : CPU %7.1f ms = %5.2f us/packet, wall %7.1f ms%n",
                    d.cpuNanos() / 1e6, d.cpuNanos() / 1e3 / d.packets(), d.wallNanos() / 1e6);
            System.out.printf(Locale.ROOT, "  demux + PacketRing only       : CPU %7.1f ms = %5.2f us/packet, wall %7.1f ms%n",
                    r.cpuNanos() / 1e6, r.cpuNanos() / 1e3 / r.packets(), r.wallNanos() / 1e6);
            System.out.printf(Locale.ROOT, "  demux + Recorder (ring + clip): CPU %7.1f ms = %5.2f us/packet, wall %7.1f ms, %d bytes%n",
                    o.cpuNanos() / 1e6, o.cpuNanos() / 1e3 / o.packets(), o.wallNanos() / 1e6, o.bytes());
            System.out.printf(Locale.ROOT, "  recording adds                : %5.2f us/packet%n",
                    (o.cpuNanos() - d.cpuNanos()) / 1e3 / o.packets());
            System.out.printf(Locale.ROOT, "  ffmpeg -c copy (whole process): CPU %7.1f ms = %5.2f us/packet, wall %7.1f ms, %d bytes%n",
                    c.cpuNanos() / 1e6, c.cpuNanos() / 1e3 / o.packets(), c.wallNanos() / 1e6, c.bytes());
            System.out.printf(Locale.ROOT, "  of which the clip's SHA-256     : CPU %7.1f ms = %5.2f us/packet%n",
                    o.hashCpuNanos() / 1e6, o.hashCpuNanos() / 1e3 / o.packets());
            System.out.printf(Locale.ROOT, "  ratio Recorder / ffmpeg -c copy (CPU per packet): %.2f, without the SHA-256: %.2f%n",
                    (double) o.cpuNanos() / c.cpuNanos(), (double) (o.cpuNanos() - o.hashCpuNanos()) / c.cpuNanos());
            System.out.printf(Locale.ROOT, "  one 25 fps camera recording: %.3f %% of a core (demux + ring + clip), %.3f %% for the recording itself%n",
                    o.cpuNanos() / 1e3 / o.packets() * 25 / 1e4, (o.cpuNanos() - d.cpuNanos()) / 1e3 / o.packets() * 25 / 1e4);
        }
    }

    /** What a camera's ingest thread does for a recorded camera, minus decoding. */
    private static Run recorder(Path file, int loops, Path work) throws Exception {
        Path dir = Files.createDirectories(work.resolve("record-ours"));
        AtomicReference<ClipInfo> done = new AtomicReference<>();
        Recorder recorder = new Recorder("bench", dir, RecordSettings.defaults(), new Recorder.Listener() {
            @Override
            public void clipClosed(ClipInfo clip) { done.set(clip); }
        });
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        recorder.startOrExtend(1, Instant.now());
        long packets = BenchInputs.demuxLoop(file, loops, recorder, () -> { });
        recorder.eventEnded(1, Instant.now().minus(Duration.ofSeconds(60)));
        recorder.close();
        long wall = System.nanoTime() - wall0;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        ClipInfo clip = done.get();
        long bytes = clip == null ? -1 : clip.bytes();
        long hashCpu = 0;
        if (clip != null) {
            // the clip's SHA-256 (evidence integrity, part of close) again, to show what it costs: ffmpeg does none
            long h0 = THREADS.getCurrentThreadCpuTime();
            Sha256.of(clip.path());
            hashCpu = THREADS.getCurrentThreadCpuTime() - h0;
            Files.delete(clip.path());
        }
        return new Run(packets, wall, cpu, bytes, hashCpu);
    }

    private static Run demux(Path file, int loops) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long packets = BenchInputs.demuxLoop(file, loops, null, () -> { });
        return new Run(packets, System.nanoTime() - wall0, THREADS.getCurrentThreadCpuTime() - cpu0, 0);
    }

    /** Demux + the pre-roll ring alone (clone, trim, free), to split the Recorder's cost. */
    private static Run ring(Path file, int loops) {
        PacketRing ring = new PacketRing(RecordSettings.defaults(), Clock.systemUTC());
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long packets = BenchInputs.demuxLoop(file, loops, ring, () -> { });
        ring.close();
        return new Run(packets, System.nanoTime() - wall0, THREADS.getCurrentThreadCpuTime() - cpu0, 0);
    }

    private static Run ffmpegCopy(String ffmpeg, Path file, int loops, Path work) throws Exception {
        Path out = work.resolve("record-ffmpeg.mp4");
        List<String> command = List.of(ffmpeg, "-hide_banner", "-nostdin", "-nostats", "-benchmark",
                "-stream_loop", Integer.toString(loops - 1), "-i", file.toString(), "-map", "0:v:0", "-c", "copy",
                "-movflags", "frag_keyframe+delay_moov+default_base_moof", "-f", "mp4", "-y", out.toString());
        BenchInputs.FfmpegRun run = BenchInputs.ffmpegBenchmark(command);
        long bytes = Files.size(out);
        Files.delete(out);
        return new Run(-1, run.wallNanos(), run.cpuNanos(), bytes);
    }
}
