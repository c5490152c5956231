package org.watchroom.core.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.ffmpeg;
import org.bytedeco.javacpp.Loader;
import org.watchroom.core.camera.CameraSource;
import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.record.SegmentInfo;
import org.watchroom.core.record.SegmentRecorder;
import org.watchroom.core.record.SegmentSettings;
import org.watchroom.core.record.SegmentStats;

/**
 * What continuous recording costs per camera: H.264 at 720p (4 Mbit/s), 1080p (8 Mbit/s) and 4K (25 Mbit/s), made
 * once from vtest.avi with the bundled ffmpeg, demuxed {@code --loops} times as fast as possible into a
 * {@link SegmentRecorder} (the ingest thread's queueing, the writer thread's muxing and SHA-256, 60 s segments),
 * measured as this process's CPU time, against {@code ffmpeg -c copy -f segment} with the same movflags on the same
 * input in the same run (its {@code -benchmark} utime + stime, whole process), interleaved. Also demux alone (what
 * a camera's ingest costs without recording), the SHA-256 alone, and bytes written / bytes received. Then
 * {@code --cameras} cameras (1080p, paced at 25 fps like live ones, main-stream style: not decoded) recorded at once
 * for {@code --seconds}.
 *
 * <p>Not a test; run with {@code ./mvnw -B -pl core -Pbench process-test-classes
 * -Dbench.main=org.watchroom.core.bench.SegmentBenchmark [-Dbench.args="--runs 3 --loops 10 --cameras 32"]}.
 */
public final class SegmentBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String MOVFLAGS = "frag_keyframe+delay_moov+default_base_moof";

    record Run(long packets, long cpuNanos, long wallNanos, long bytesIn, long bytesOut, long hashNanos,
               long drops) {
    }

    public static void main(String[] args) throws Exception {
        int runs = 3;
        int loops = 10;
        int cameras = 32;
        int seconds = 30;
        String only = null;
        Path work = Path.of("target", "bench");
        args = BenchMachine.splitArgs(args);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--loops" -> loops = Integer.parseInt(args[++i]);
                case "--cameras" -> cameras = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--only" -> only = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Files.createDirectories(work);
        String ffmpeg = Loader.load(ffmpeg.class);
        BenchMachine machine = new BenchMachine(20, 300);
        System.out.printf(Locale.ROOT, "machine: %d cores, %s, load %s%n", BenchMachine.cores(),
                BenchMachine.cpuModel(), BenchMachine.loadAverage());
        List<Path> inputs = List.of(BenchInputs.scaledVtest(ffmpeg, work, 1280, 720, "4M"),
                BenchInputs.scaledVtest(ffmpeg, work, 1920, 1080, "8M"),
                BenchInputs.scaledVtest(ffmpeg, work, 3840, 2160, "25M"));
        for (Path file : inputs) {
            if (only != null && !file.getFileName().toString().contains(only)) {
                continue;
            }
            for (int i = 0; i < 2; i++) { // warm-up: JIT, page cache
                ours(file, loops, work);
                demux(file, loops);
            }
            List<Run> our = new ArrayList<>();
            List<Run> cli = new ArrayList<>();
            List<Run> dem = new ArrayList<>();
            machine.clearOthers();
            int n = loopsFor(file, loops);
            Path folder = work;
            for (int i = 0; i < runs; i++) {
                our.add(machine.measured(() -> ours(file, n, folder)));
                cli.add(machine.measured(() -> ffmpegSegment(ffmpeg, file, n, folder)));
                dem.add(machine.measured(() -> demux(file, n)));
            }
            Run o = BenchInputs.median(our, Run::cpuNanos);
            Run c = BenchInputs.median(cli, Run::cpuNanos);
            Run d = BenchInputs.median(dem, Run::cpuNanos);
            double perPacket = o.cpuNanos() / 1e3 / o.packets();
            double ffPerPacket = c.cpuNanos() / 1e3 / o.packets();
            System.out.printf(Locale.ROOT, "%s x%d: %d packets, %.1f MB in%n", file.getFileName(), loopsFor(file, loops),
                    o.packets(), o.bytesIn() / 1e6);
            System.out.printf(Locale.ROOT, "  demux only                      : %6.2f us/packet%n",
                    d.cpuNanos() / 1e3 / d.packets());
            System.out.printf(Locale.ROOT, "  demux + SegmentRecorder (process): %6.2f us/packet, of which SHA-256 %.2f, wall %.0f ms, drops %d%n",
                    perPacket, o.hashNanos() / 1e3 / o.packets(), o.wallNanos() / 1e6, o.drops());
            System.out.printf(Locale.ROOT, "  ffmpeg -c copy -f segment        : %6.2f us/packet, wall %.0f ms%n",
                    ffPerPacket, c.wallNanos() / 1e6);
            System.out.printf(Locale.ROOT, "  ffmpeg + sha256sum of its segments: %6.2f us/packet%n",
                    (c.cpuNanos() + c.hashNanos()) / 1e3 / o.packets());
            System.out.printf(Locale.ROOT, "  ratio ours / ffmpeg: %.2f; without our SHA-256: %.2f; ours / (ffmpeg + sha256sum): %.2f%n",
                    perPacket / ffPerPacket, (o.cpuNanos() - o.hashNanos()) / 1e3 / o.packets() / ffPerPacket,
                    (double) o.cpuNanos() / (c.cpuNanos() + c.hashNanos()));
            System.out.printf(Locale.ROOT, "  bytes written / received: ours %.4f, ffmpeg %.4f%n",
                    (double) o.bytesOut() / o.bytesIn(), (double) c.bytesOut() / o.bytesIn());
            System.out.printf(Locale.ROOT, "  one 25 fps camera: %.3f %% of a core (ffmpeg: %.3f %%)%n",
                    perPacket * 25 / 1e4, ffPerPacket * 25 / 1e4);
            System.out.printf(Locale.ROOT, "  others' CPU share during the runs: max %.0f %%%n", 100 * machine.maxOthers());
        }
        if (cameras > 0) {
            many(inputs.get(1), cameras, seconds, work, machine);
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", BenchMachine.loadAverage());
    }

    /** The 4K file is shorter (encoding it is slow): loop it more to demux about as many seconds. */
    private static int loopsFor(Path file, int loops) {
        return file.getFileName().toString().contains("2160") ? loops * 2 : loops;
    }

    /** Demux as a camera's ingest thread does, into a SegmentRecorder; the whole process's CPU. */
    private static Run ours(Path file, int loops, Path work) throws Exception {
        Path dir = work.resolve("segments-ours");
        deleteAll(dir);
        List<SegmentInfo> closed = new CopyOnWriteArrayList<>();
        long cpu0 = BenchMachine.processCpuNanos();
        long wall0 = System.nanoTime();
        // played faster than real time: no drift check, and a queue big enough for the hash at each cut
        SegmentRecorder recorder = new SegmentRecorder("bench", dir, SegmentSettings.continuous(Duration.ofSeconds(60))
                .withMaxDrift(null).withQueue(16_384, 512L << 20), Clock.systemUTC(), null,
                new SegmentRecorder.Listener() {
                    @Override
                    public void segmentClosed(SegmentInfo segment) { closed.add(segment); }
                });
        long main0 = THREADS.getCurrentThreadCpuTime();
        long faults0 = minorFaults();
        long packets = BenchInputs.demuxLoop(file, loops, recorder, () -> keepUpWith(recorder));
        long mainCpu = THREADS.getCurrentThreadCpuTime() - main0;
        long faults = minorFaults() - faults0;
        long writerCpu = writerCpu();
        recorder.close();
        long wall = System.nanoTime() - wall0;
        long cpu = BenchMachine.processCpuNanos() - cpu0;
        if (System.getProperty("bench.threads") != null) {
            System.out.printf(Locale.ROOT, "    main (demux + queue) %.1f us/packet, writer %.1f us/packet (before the last "
                    + "segment), process %.1f, page faults %.2f per packet%n", mainCpu / 1e3 / packets,
                    writerCpu / 1e3 / packets, cpu / 1e3 / packets, (double) faults / packets);
        }
        SegmentStats stats = recorder.stats();
        long out = closed.stream().mapToLong(SegmentInfo::bytes).sum();
        long h0 = THREADS.getCurrentThreadCpuTime();
        for (SegmentInfo s : closed) {
            Sha256.of(s.path()); // what closing each segment spent on its hash (page cache, as then)
        }
        long hash = THREADS.getCurrentThreadCpuTime() - h0;
        deleteAll(dir);
        return new Run(packets, cpu, wall, stats.bytesReceived(), out, hash, stats.packetsDropped());
    }

    /** CPU time so far of the segment writer thread ({@code segments-bench}), or -1. */
    private static long writerCpu() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("segments-bench")) {
                return THREADS.getThreadCpuTime(t.threadId());
            }
        }
        return -1;
    }

    /** Minor page faults of this process so far ({@code /proc/self/stat}), or 0. */
    private static long minorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+")[7]);
        } catch (Exception e) {
            return 0;
        }
    }

    private static Run demux(Path file, int loops) {
        long cpu0 = BenchMachine.processCpuNanos();
        long wall0 = System.nanoTime();
        long faults0 = minorFaults();
        long packets = BenchInputs.demuxLoop(file, loops, null, () -> { });
        if (System.getProperty("bench.threads") != null) {
            System.out.printf(Locale.ROOT, "    demux only: page faults %.2f per packet%n",
                    (double) (minorFaults() - faults0) / packets);
        }
        return new Run(packets, BenchMachine.processCpuNanos() - cpu0, System.nanoTime() - wall0, 0, 0, 0, 0);
    }

    /**
     * A live camera never gets far ahead of its writer (32 paced cameras: at most 7 packets queued); unpaced, the
     * demuxer would fill the queue with hundreds of MB of fresh packet buffers, and measure page faults instead of
     * recording. Waits while more than twice what wakes the writer (32 packets, 1 MiB) is queued.
     */
    private static void keepUpWith(SegmentRecorder recorder) {
        for (SegmentStats q = recorder.stats(); q.queued() > 64 || q.queuedBytes() > (2L << 20); q = recorder.stats()) {
            LockSupport.parkNanos(50_000);
        }
    }

    private static Run ffmpegSegment(String ffmpeg, Path file, int loops, Path work) throws Exception {
        Path dir = work.resolve("segments-ffmpeg");
        deleteAll(dir);
        Files.createDirectories(dir);
        List<String> command = List.of(ffmpeg, "-hide_banner", "-nostdin", "-nostats", "-benchmark",
                "-stream_loop", Integer.toString(loops - 1), "-i", file.toString(), "-map", "0:v:0", "-c", "copy",
                "-f", "segment", "-segment_time", "60", "-reset_timestamps", "1", "-segment_format", "mp4",
                "-segment_format_options", "movflags=" + MOVFLAGS, "-y", dir.resolve("%05d.mp4").toString());
        BenchInputs.FfmpegRun run = BenchInputs.ffmpegBenchmark(command);
        long cpu = run.cpuNanos();
        long wall = run.wallNanos();
        List<Path> outputs;
        try (Stream<Path> files = Files.list(dir)) {
            outputs = files.sorted().toList();
        }
        long bytes = outputs.stream().mapToLong(p -> p.toFile().length()).sum();
        long hash = sha256sum(outputs);
        deleteAll(dir);
        return new Run(-1, cpu, wall, 0, bytes, hash, 0);
    }

    /** CPU time of coreutils' {@code sha256sum} over {@code files} (10 ms resolution: the shell's reaped children). */
    private static long sha256sum(List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "sha256sum \"$@\" > /dev/null && cat /proc/$$/stat",
                "sh"));
        files.forEach(f -> command.add(f.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String stat = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("sha256sum failed: " + stat);
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10_000_000L; // cutime + cstime, USER_HZ 100
    }

    /** {@code count} paced cameras of {@code file} (not decoded, as a main stream kept for recording), recorded. */
    private static void many(Path file, int count, int seconds, Path work, BenchMachine machine) throws Exception {
        Path dir = work.resolve("segments-many");
        deleteAll(dir);
        List<CameraSource> sources = new ArrayList<>();
        List<SegmentRecorder> recorders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CameraSource source = new CameraSource("cam" + i, CameraUrl.parse(file + "?loop=1"),
                    SourceOptions.defaults().withDecodeOnlyWhenWatched(true));
            SegmentRecorder recorder = new SegmentRecorder("cam" + i, dir.resolve("cam" + i),
                    SegmentSettings.continuous(Duration.ofSeconds(10)), Clock.systemUTC(), null,
                    new SegmentRecorder.Listener() { });
            source.addPacketListener(recorder);
            source.addStateListener(recorder::onSourceState);
            sources.add(source);
            recorders.add(recorder);
        }
        machine.awaitQuiet();
        sources.forEach(CameraSource::start);
        Thread.sleep(5_000); // connect, first keyframes, JIT
        long cpu0 = BenchMachine.processCpuNanos();
        BenchMachine.CpuSnapshot before = BenchMachine.CpuSnapshot.take();
        long wall0 = System.nanoTime();
        long in0 = recorders.stream().mapToLong(r -> r.stats().bytesReceived()).sum();
        int maxQueued = 0;
        while (System.nanoTime() - wall0 < seconds * 1_000_000_000L) {
            Thread.sleep(200);
            maxQueued = Math.max(maxQueued, recorders.stream().mapToInt(r -> r.stats().queued()).max().orElse(0));
        }
        long wall = System.nanoTime() - wall0;
        long cpu = BenchMachine.processCpuNanos() - cpu0;
        double others = BenchMachine.CpuSnapshot.take().othersShare(before);
        long in = recorders.stream().mapToLong(r -> r.stats().bytesReceived()).sum() - in0;
        sources.forEach(CameraSource::stop);
        recorders.forEach(SegmentRecorder::close);
        long received = recorders.stream().mapToLong(r -> r.stats().bytesReceived()).sum();
        long written = recorders.stream().mapToLong(r -> r.stats().bytesWritten()).sum();
        long drops = recorders.stream().mapToLong(r -> r.stats().packetsDropped()).sum();
        long segments = recorders.stream().mapToLong(r -> r.stats().segmentsClosed()).sum();
        System.out.printf(Locale.ROOT, "%d cameras of %s at 25 fps for %d s: %.1f MB/s in, CPU %.1f %% of one core "
                        + "(%.2f %% per camera; %d cores), largest queue %d packets, %d packets dropped, %d segments, "
                        + "bytes written / received %.4f, others' CPU share %.0f %%%n",
                count, file.getFileName(), seconds, in / 1e6 / (wall / 1e9), 100.0 * cpu / wall,
                100.0 * cpu / wall / count, BenchMachine.cores(), maxQueued, drops, segments,
                (double) written / received, 100 * others);
        deleteAll(dir);
    }

    private static void deleteAll(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
