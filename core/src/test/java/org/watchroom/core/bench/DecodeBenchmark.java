package org.watchroom.core.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.ffmpeg;
import org.bytedeco.javacpp.Loader;
import org.watchroom.core.camera.CameraSource;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.frame.FrameSlot;
import org.watchroom.core.testing.TestMedia;

/**
 * Decode throughput of {@link CameraSource} (demux + avcodec + swscale to BGRA ring slots, unpaced) against
 * the {@code ffmpeg} CLI bundled in the JavaCV ffmpeg jar decoding the same file with the same decoder thread
 * count to {@code -pix_fmt bgra -f null -}; then N parallel sources on a 720p H.264 clip.
 * Not a test: run it with {@code ./mvnw -f core/pom.xml -Pbench process-test-classes} (see docs/performance.md).
 *
 * <p>Arguments: {@code --runs N} (measured runs per side and file, default 5), {@code --parallel-runs N}
 * (default 3), {@code --counts 1,4,8,16}, {@code --threads N} (decoder threads, default 1),
 * {@code --work DIR} (where the 720p clip is made, default target/bench), {@code --no-pinned} (skip the
 * diagnostic ffmpeg run pinned to one core), {@code --skip-ratio}, {@code --skip-parallel},
 * {@code --quiet-wait S} (before each measured run wait up to S seconds, default 15, for the machine to be
 * idle; 0 = don't wait), {@code --quiet-budget S} (stop waiting once S seconds were spent waiting, default 120).
 */
public final class DecodeBenchmark {
    private static final double GOAL = 0.95;
    private static final Pattern FRAMES = Pattern.compile("frame=\\s*(\\d+)");
    private static final Pattern BENCH = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s rtime=([0-9.]+)s");

    private int runs = 5;
    private int parallelRuns = 3;
    private int[] counts = {1, 4, 8, 16};
    private int threads = 1;
    private Path work = Path.of("target", "bench");
    private boolean pinned = true;
    private boolean ratio = true;
    private boolean parallel = true;
    private double quietWaitSeconds = 15;
    private double quietBudgetSeconds = 120;
    private BenchMachine machine;
    private String ffmpeg;

    /** One timed decode of a whole file. */
    record Run(long frames, long wallNanos, long cpuNanos) {
        double fps() { return frames * 1e9 / wallNanos; }

        double cpuMsPerFrame() { return cpuNanos / 1e6 / frames; }
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // no per-camera state lines
        }
        DecodeBenchmark bench = new DecodeBenchmark();
        bench.parse(BenchMachine.splitArgs(args));
        bench.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "" -> { } // an empty -Dbench.args from the Maven profile
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--parallel-runs" -> parallelRuns = Integer.parseInt(args[++i]);
                case "--counts" -> counts = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--no-pinned" -> pinned = false;
                case "--skip-ratio" -> ratio = false;
                case "--skip-parallel" -> parallel = false;
                case "--quiet-wait" -> quietWaitSeconds = Double.parseDouble(args[++i]);
                case "--quiet-budget" -> quietBudgetSeconds = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        machine = new BenchMachine(quietWaitSeconds, quietBudgetSeconds);
        ffmpeg = Loader.load(ffmpeg.class);
        pinned &= Files.isExecutable(Path.of("/usr/bin/taskset"));
        Path avi = TestMedia.file("vtest.avi");
        Path mp4 = TestMedia.file("vtest.mp4");
        printMachine();
        Path hd = make720p(avi);

        if (ratio) {
            System.out.printf("%n== 1. CameraSource vs ffmpeg CLI, %d decoder thread(s), full size BGRA, best/median of %d runs ==%n",
                    threads, runs);
            System.out.println("ffmpeg:       " + String.join(" ", ffmpegCommand(Path.of("FILE"), false)));
            System.out.printf("CameraSource: SourceOptions.defaults().withDecodeThreads(%d).withMaxSize(8192, 8192)"
                    + ".withPacing(false), wall time from new CameraSource(..)+start() to STOPPED%n", threads);
            List<String[]> rows = new ArrayList<>();
            for (Path file : List.of(avi, mp4, hd)) {
                rows.add(compare(file));
            }
            System.out.println();
            BenchTable.print(new String[] {"file", "frames ff/cs", "ffmpeg fps best / med", "CameraSource fps best / med",
                    "ratio best / med", pinned ? "ffmpeg 1-core fps med" : "", "CPU ms/frame ff / cs", "others' CPU (max)"}, rows);
            System.out.printf("ratio = CameraSource fps / ffmpeg CLI fps; goal >= %.2f. others' CPU = share of the machine"
                    + " used by other processes (and hypervisor steal) during the most disturbed run of that file.%n", GOAL);
        }
        if (parallel) {
            System.out.printf("%n== 2. N parallel CameraSources on %s, unpaced, %d decoder thread(s) each, best/median of %d runs ==%n",
                    hd.getFileName(), threads, parallelRuns);
            BenchTable.print(new String[] {"N", "frames", "total fps best / med", "per source fps (med)", "25 fps cameras (med)",
                    "own CPU use (med)", "others' CPU (med)", "fps per CPU-second (med)"}, parallel(hd));
            System.out.printf("own CPU use = this JVM's CPU time / wall time / %d cores; others' CPU = the same for every"
                    + " other process (and steal); fps per CPU-second = frames / this JVM's CPU seconds.%n",
                    BenchMachine.cores());
        }
        System.out.printf("%nbenchmark took %.0f s, of which %.0f s waiting for other processes to go idle;"
                + " %d measured runs started on a busy machine (gave up waiting)%n",
                (System.nanoTime() - started) / 1e9, machine.quietWaited(), machine.unquietStarts());
    }

    // ---- part 1 ---------------------------------------------------------------------------------------

    private String[] compare(Path file) throws Exception {
        System.out.printf("%s: warm-up", file.getFileName());
        ffmpegRun(file, false);
        cameraRun(file);
        List<Run> ff = new ArrayList<>();
        List<Run> cs = new ArrayList<>();
        List<Run> pin = new ArrayList<>();
        machine.clearOthers();
        for (int i = 0; i < runs; i++) { // interleaved, alternating order, so that background load hits both sides
            if (i % 2 == 0) {
                ff.add(machine.measured(() -> ffmpegRun(file, false)));
                cs.add(machine.measured(() -> cameraRun(file)));
            } else {
                cs.add(machine.measured(() -> cameraRun(file)));
                ff.add(machine.measured(() -> ffmpegRun(file, false)));
            }
            if (pinned) {
                pin.add(machine.measured(() -> ffmpegRun(file, true)));
            }
            System.out.print(".");
        }
        double others = machine.maxOthers();
        System.out.printf(" ffmpeg %s | CameraSource %s%n", fpsList(ff), fpsList(cs));
        double ratioBest = best(cs) / best(ff);
        double ratioMedian = median(cs) / median(ff);
        return new String[] {
                file.getFileName().toString(),
                ff.getFirst().frames() + "/" + cs.getFirst().frames(),
                fmt(best(ff)) + " / " + fmt(median(ff)),
                fmt(best(cs)) + " / " + fmt(median(cs)),
                String.format(Locale.ROOT, "%.2f / %.2f", ratioBest, ratioMedian),
                pinned ? fmt(median(pin)) : "",
                String.format(Locale.ROOT, "%.2f / %.2f", medianOf(ff, Run::cpuMsPerFrame), medianOf(cs, Run::cpuMsPerFrame)),
                percent(others)};
    }

    private List<String> ffmpegCommand(Path file, boolean onOneCore) {
        List<String> command = new ArrayList<>();
        if (onOneCore) {
            command.addAll(List.of("taskset", "-c", "0"));
        }
        command.addAll(List.of(ffmpeg, "-hide_banner", "-nostdin", "-nostats", "-benchmark",
                "-threads", Integer.toString(threads), "-i", file.toString(),
                "-map", "0:v:0", "-pix_fmt", "bgra", "-f", "null", "-"));
        return command;
    }

    /** Wall time of the whole process (exec, open, probe, decode, convert); CPU time as ffmpeg -benchmark reports it. */
    private Run ffmpegRun(Path file, boolean onOneCore) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(ffmpegCommand(file, onOneCore)).redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        int exit = process.waitFor();
        long wall = System.nanoTime() - t0;
        String text = new String(output, StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new IllegalStateException("ffmpeg failed (" + exit + "):\n" + text);
        }
        long frames = -1;
        for (Matcher m = FRAMES.matcher(text); m.find(); ) {
            frames = Long.parseLong(m.group(1));
        }
        Matcher bench = BENCH.matcher(text);
        if (frames <= 0 || !bench.find()) {
            throw new IllegalStateException("cannot read ffmpeg's frame count or -benchmark line:\n" + text);
        }
        long cpu = (long) ((Double.parseDouble(bench.group(1)) + Double.parseDouble(bench.group(2))) * 1e9);
        return new Run(frames, wall, cpu);
    }

    private Run cameraRun(Path file) throws InterruptedException {
        List<Run> result = cameraRuns(file, 1);
        return result.getFirst();
    }

    // ---- part 2 ---------------------------------------------------------------------------------------

    /** Rounds of N = counts in turn (so that background load spreads over every N); one table row per N. */
    private List<String[]> parallel(Path file) throws Exception {
        List<List<Run>> totals = new ArrayList<>();
        List<List<Double>> others = new ArrayList<>();
        for (int ignored : counts) {
            totals.add(new ArrayList<>());
            others.add(new ArrayList<>());
        }
        for (int round = 1; round <= parallelRuns; round++) {
            System.out.printf("round %d:", round);
            for (int c = 0; c < counts.length; c++) {
                int n = counts[c];
                machine.clearOthers();
                List<Run> sources = machine.measured(() -> cameraRuns(file, n));
                long wall = sources.stream().mapToLong(Run::wallNanos).max().orElseThrow(); // until the last one ends
                long cpu = sources.stream().mapToLong(Run::cpuNanos).sum();
                long frames = sources.stream().mapToLong(Run::frames).sum();
                totals.get(c).add(new Run(frames, wall, cpu));
                others.get(c).add(machine.othersDuringRuns().getFirst());
                System.out.printf(" N=%d %.0f fps", counts[c], frames * 1e9 / wall);
            }
            System.out.println();
        }
        System.out.println();
        int cores = BenchMachine.cores();
        List<String[]> rows = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            List<Run> runs = totals.get(c);
            double[] othersSorted = others.get(c).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            rows.add(new String[] {
                    Integer.toString(counts[c]),
                    Long.toString(runs.getFirst().frames()),
                    fmt(best(runs)) + " / " + fmt(median(runs)),
                    fmt(median(runs) / counts[c]),
                    String.format(Locale.ROOT, "%.1f", median(runs) / 25),
                    percent(medianOf(runs, r -> (double) r.cpuNanos() / r.wallNanos()) / cores),
                    percent(othersSorted[othersSorted.length / 2]),
                    fmt(medianOf(runs, r -> r.frames() * 1e9 / r.cpuNanos()))});
        }
        return rows;
    }

    // ---- CameraSource ---------------------------------------------------------------------------------

    /**
     * Starts {@code n} unpaced sources on {@code file} at once and waits until each reaches STOPPED (the end of
     * the non-looping file). Each run's wall time counts from just before the first source is constructed to
     * that source's STOPPED; the CPU time is the whole process's, spread over the sources.
     */
    private List<Run> cameraRuns(Path file, int n) throws InterruptedException {
        SourceOptions options = SourceOptions.defaults().withDecodeThreads(threads).withMaxSize(8192, 8192)
                .withPacing(false);
        CameraUrl url = CameraUrl.parse(file.toString());
        CountDownLatch ended = new CountDownLatch(n);
        long[] endNanos = new long[n];
        AtomicReference<String> failure = new AtomicReference<>();
        List<CameraSource> sources = new ArrayList<>();
        long cpu0 = BenchMachine.processCpuNanos();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            CameraSource source = new CameraSource("bench-" + i, url, options);
            int index = i;
            source.addStateListener(state -> {
                switch (state) {
                    case CameraState.Stopped s -> {
                        endNanos[index] = System.nanoTime();
                        ended.countDown();
                    }
                    case CameraState.Failed f -> {
                        failure.compareAndSet(null, f.reason());
                        ended.countDown();
                    }
                    case CameraState.Reconnecting r -> {
                        failure.compareAndSet(null, r.lastError());
                        ended.countDown();
                    }
                    default -> { }
                }
            });
            sources.add(source);
        }
        for (CameraSource source : sources) {
            source.start();
        }
        boolean done = ended.await(10, TimeUnit.MINUTES);
        long cpu = BenchMachine.processCpuNanos() - cpu0;
        List<Run> result = new ArrayList<>();
        try {
            if (!done || failure.get() != null) {
                throw new IllegalStateException("CameraSource did not play " + file + " to its end: "
                        + (done ? failure.get() : "timeout"));
            }
            for (int i = 0; i < n; i++) {
                CameraSource source = sources.get(i);
                checkFullSize(source);
                result.add(new Run(source.stats().framesDecoded(), endNanos[i] - t0, cpu / n));
            }
        } finally {
            sources.forEach(CameraSource::stop);
        }
        return result;
    }

    /** The ring must hold full-size pictures, or the comparison with ffmpeg would be unfair. */
    private static void checkFullSize(CameraSource source) {
        FrameRing ring = source.ring();
        try (FrameRing.Reader reader = ring.newReader("bench-check")) {
            FrameSlot slot = reader.acquireNewest();
            int width = source.stats().width();
            int height = source.stats().height();
            if (slot == null || slot.width() != (width & ~1) || slot.height() != (height & ~1)) {
                throw new IllegalStateException("ring picture is not full size: " + (slot == null ? "none"
                        : slot.width() + "x" + slot.height()) + " for a " + width + "x" + height + " stream");
            }
            if (ring.producerDrops() != 0) {
                throw new IllegalStateException("the ring dropped " + ring.producerDrops() + " frames");
            }
        }
    }

    // ---- setup ----------------------------------------------------------------------------------------

    /** A 1280x720 H.264 copy of vtest.avi (795 frames, retimed to 25 fps), made once with the bundled ffmpeg. */
    private Path make720p(Path avi) throws IOException, InterruptedException {
        Path out = work.resolve("vtest-720p-h264.mp4").toAbsolutePath();
        if (Files.isRegularFile(out) && Files.size(out) > 0) {
            return out;
        }
        Files.createDirectories(work);
        String encoders = exec(List.of(ffmpeg, "-hide_banner", "-encoders"));
        String encoder = Pattern.compile("\\blibx264\\b").matcher(encoders).find() ? "libx264"
                : Pattern.compile("\\blibopenh264\\b").matcher(encoders).find() ? "libopenh264" : null;
        if (encoder == null) {
            throw new IllegalStateException("the bundled ffmpeg has no software H.264 encoder (libx264, libopenh264)");
        }
        Path partial = out.resolveSibling(out.getFileName() + ".part.mp4");
        exec(List.of(ffmpeg, "-hide_banner", "-nostdin", "-v", "error", "-y", "-r", "25", "-i", avi.toString(),
                "-vf", "scale=1280:720", "-c:v", encoder, "-b:v", "4M", "-g", "50",
                "-an", partial.toString()));
        Files.move(partial, out);
        System.out.printf("made %s with %s%n", out, encoder);
        return out;
    }

    private void printMachine() throws IOException, InterruptedException {
        String cpu = BenchMachine.cpuModel();
        String version = exec(List.of(ffmpeg, "-hide_banner", "-version")).lines().findFirst().orElse("?");
        System.out.println("== Watchroom decode benchmark ==");
        System.out.printf("cpu: %s, %d cores visible to the JVM; load average: %s%n", cpu,
                BenchMachine.cores(), BenchMachine.loadAverage());
        System.out.printf("java: %s %s; %s (%s)%n", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), version, ffmpeg);
    }

    private static String exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + text);
        }
        return text;
    }

    // ---- statistics and output ------------------------------------------------------------------------

    private static double best(List<Run> runs) {
        return runs.stream().mapToDouble(Run::fps).max().orElseThrow();
    }

    private static double median(List<Run> runs) {
        return medianOf(runs, Run::fps);
    }

    private static double medianOf(List<Run> runs, ToDoubleFunction<Run> value) {
        double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    private static String fpsList(List<Run> runs) {
        return runs.stream().map(r -> fmt(r.fps())).reduce((a, b) -> a + " " + b).orElse("");
    }

    private static String fmt(double fps) {
        return String.format(Locale.ROOT, "%.0f", fps);
    }
}
