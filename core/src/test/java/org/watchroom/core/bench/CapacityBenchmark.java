package org.watchroom.core.bench;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.bytedeco.ffmpeg.ffmpeg;
import org.bytedeco.javacpp.Loader;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.CameraStats;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.DetectStats;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.detect.DetectorModel;
import org.watchroom.core.detect.InputSize;
import org.watchroom.core.detect.MotionGate;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.LiveCamera;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.frame.FrameSlot;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.TestModels;

/**
 * How many cameras one machine carries: a real {@link Engine} (H2, recording continuously, detection with
 * YOLOX-nano + YuNet at the defaults, events) with N cameras, each a 1280x720 15 fps main stream (recorded by
 * stream copy, never decoded) and a 640x360 15 fps sub-stream (decoded, detected), read from H.264 files that
 * loop at their native rate. A quarter of the cameras are <em>busy</em> (vtest's pedestrians all the time); the
 * rest are <em>quiet</em>: an empty street (the median of vtest's frames) for {@code --still} seconds, then the
 * pedestrians for {@code --motion} seconds, over and over, so that motion starts at known moments.
 *
 * <p>Per N it reports, over a {@code --seconds} window after {@code --settle}: decoded fps per camera (min and
 * median against the 15 asked), detect passes/s of the busy cameras (5 asked), and the <b>detection latency from
 * motion onset</b> of the quiet cameras: an onset is the first frame that differs from the still picture (the
 * same {@link MotionGate} test on every frame, after at least 3 s without change), stamped with its capture time;
 * it ends with the first detection result that names a person on that frame or a later one. Also the machine's
 * busy share (all processes), this process's CPU, others' CPU, and the JVM's resident memory.
 *
 * <p>Not a test: run it with {@code ./mvnw -B -pl core -Pbench process-test-classes
 * -Dbench.main=org.watchroom.core.bench.CapacityBenchmark -Dbench.args="--counts 16,32"} (see
 * docs/performance.md). Arguments: {@code --counts 8,16,32}, {@code --busy-share 0.25}, {@code --seconds S}
 * (default 60), {@code --settle S} (default 15), {@code --still S} (default 40), {@code --motion S} (default 4),
 * {@code --work DIR} (where the clips and data folders go; default a temporary folder), {@code --soak MIN}
 * (after each N's window, keep it running this long and print its memory every minute), {@code --faces-dynamic WxH}
 * (YuNet's dynamic export at that input size instead of the default 640x640 export).
 */
public final class CapacityBenchmark {
    /** Where the cameras run: an engine on a prepared data folder, with or without a window. */
    public interface Host extends AutoCloseable {
        Engine engine();

        /** What the first lines of the report say about the host. */
        String description();

        @Override
        void close();
    }

    /** Opens a {@link Host} on a data folder that already holds the administrator and the cameras. */
    @FunctionalInterface
    public interface HostFactory {
        Host open(Path dataDir) throws Exception;
    }

    /**
     * The engine alone, in this process, as {@code watchroom --headless} runs it; faces with {@code faces} (the
     * default YuNet export, or another to compare).
     */
    private static HostFactory headless(DetectorModel faces) {
        return dataDir -> headlessHost(dataDir, faces);
    }

    private static Host headlessHost(Path dataDir, DetectorModel faces) {
        Database db = Database.open(dataDir);
        Engine engine;
        try {
            engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty(),
                    DetectionService.forModels(TestModels.yolox(), faces));
            engine.start(false);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return new Host() {
            @Override
            public Engine engine() { return engine; }

            @Override
            public String description() {
                return "headless (the engine alone), detection: " + engine.detection().status();
            }

            @Override
            public void close() {
                try (db) {
                    engine.close();
                }
            }
        };
    }

    private static final double CAMERA_FPS = 15;
    private static final long STILL_BEFORE_ONSET_NANOS = 3_000_000_000L;
    private static final long MISSED_AFTER_NANOS = 5_000_000_000L;

    private final HostFactory hosts;
    private int[] counts = {8, 16, 32};
    private double busyShare = 0.25;
    private double seconds = 60;
    private double settle = 15;
    private double still = 40;
    private double motion = 4;
    private Path work;
    private double soakMinutes;

    private CapacityBenchmark(HostFactory hosts) {
        this.hosts = hosts;
    }

    public static void main(String[] args) throws Exception {
        String[] split = BenchMachine.splitArgs(args);
        DetectorModel faces = TestModels.yunet();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < split.length; i++) {
            // YuNet's dynamic export at this input size, e.g. 640x384 (the window benchmark runs the default models)
            if (split[i].equals("--faces-dynamic") && i + 1 < split.length) {
                faces = TestModels.yunetDynamic().withInputSize(InputSize.parse(split[++i]));
            } else {
                rest.add(split[i]);
            }
        }
        run(rest.toArray(String[]::new), headless(faces));
        System.exit(0); // the engine's daemon threads would not keep the JVM alive, JavaCV's pools might
    }

    /** Runs the benchmark with the command line's arguments on hosts from {@code hosts}. */
    public static void run(String[] args, HostFactory hosts) throws Exception {
        CapacityBenchmark benchmark = new CapacityBenchmark(hosts);
        benchmark.parse(BenchMachine.splitArgs(args));
        benchmark.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--counts" -> counts = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--busy-share" -> busyShare = Double.parseDouble(value);
                case "--seconds" -> seconds = Double.parseDouble(value);
                case "--settle" -> settle = Double.parseDouble(value);
                case "--still" -> still = Double.parseDouble(value);
                case "--motion" -> motion = Double.parseDouble(value);
                case "--work" -> work = Path.of(value);
                case "--soak" -> soakMinutes = Double.parseDouble(value);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
    }

    private void run() throws Exception {
        if (work == null) {
            work = Files.createTempDirectory("watchroom-capacity");
        }
        Files.createDirectories(work);
        Clips clips = Clips.make(work, still, motion);
        BenchMachine machine = new BenchMachine(10, 60);
        System.out.println("== Watchroom capacity benchmark ==");
        System.out.printf("cpu: %s, %d cores; load average before: %s; java %s%n", BenchMachine.cpuModel(),
                BenchMachine.cores(), BenchMachine.loadAverage(), System.getProperty("java.runtime.version"));
        System.out.printf("cameras: main 1280x720 + sub 640x360, H.264 %.0f fps, recorded continuously (main, stream"
                + " copy), sub decoded + detected (defaults: 5 passes/s, YOLOX-nano + YuNet); %.0f %% busy, the rest"
                + " quiet (%.0f s still, %.0f s pedestrians); window %.0f s after %.0f s%n", CAMERA_FPS,
                busyShare * 100, still, motion, seconds, settle);
        List<String[]> rows = new ArrayList<>();
        for (int n : counts) {
            machine.awaitQuiet();
            rows.add(measure(n, clips));
        }
        System.out.println();
        BenchTable.print(new String[] {"N (busy)", "decoded fps min / med", "shown fps min / med (tiles)",
                "busy passes/s min / med",
                "quiet passes/s med", "onset -> person ms p50 / p95 / max", "onsets (missed)", "machine busy",
                "process CPU", "others", "RSS MB", "ring drops/s"}, rows);
        System.out.println("decoded fps: sub-streams, asked 15; shown fps: frames the wall's tiles took (decoded"
                + " less ring drops and those a tile skipped), cameras with a tile; busy passes asked 5/s; onset ->"
                + " person: capture of the"
                + " first changed frame of a quiet camera -> a result naming a person on it or later; missed: no such"
                + " result within 5 s; machine busy: all processes / 2 cores; ring drops: decoded frames with no free"
                + " slot in their display ring (all cameras).");
    }

    private String[] measure(int n, Clips clips) throws Exception {
        int busy = (int) Math.round(n * busyShare);
        Path data = Files.createTempDirectory(work, "data-" + n + "-");
        Onsets onsets = new Onsets();
        System.out.printf("N=%d (%d busy): starting…%n", n, busy);
        List<String> quietNames = new ArrayList<>();
        try (Database db = Database.open(data)) {
            People.enrolAdmin(db);
            CameraStore store = new CameraStore(db);
            for (int i = 0; i < n; i++) {
                boolean isBusy = i < busy;
                String name = String.format(Locale.ROOT, "cam-%02d", i);
                store.add(Camera.create(name, (isBusy ? clips.busyMain : clips.quietMain) + "?loop=1",
                        (isBusy ? clips.busySub : clips.quietSub) + "?loop=1", null), People.ADMIN);
                if (!isBusy) {
                    quietNames.add(name);
                }
            }
        }
        try (Host host = hosts.open(data)) {
            Engine engine = host.engine();
            System.out.printf("N=%d: %s%n", n, host.description());
            engine.bus().subscribe(WatchroomEvent.DetectionsReady.class, e -> onsets.result(e.result()));
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (engine.cameras().size() < n
                    || !engine.cameras().stream().allMatch(c -> c.display().state() instanceof CameraState.Live)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cameras not live after 90 s");
                }
                Thread.sleep(100);
            }
            List<LiveCamera> cameras = engine.cameras();
            List<Long> quietIds = cameras.stream().filter(c -> quietNames.contains(c.camera().name()))
                    .map(c -> c.camera().id()).toList();
            Thread watcher = Thread.ofPlatform().name("onset-watcher").daemon().start(() -> onsets.watch(
                    cameras.stream().filter(c -> quietIds.contains(c.camera().id())).toList()));
            Thread.sleep((long) (settle * 1000));
            Map<Long, long[]> before = counters(cameras);
            Map<String, Long> threads0 = threadCpu();
            BenchMachine.CpuSnapshot cpu0 = BenchMachine.CpuSnapshot.take();
            long own0 = BenchMachine.processCpuNanos();
            long t0 = System.nanoTime();
            onsets.open(t0);
            Thread.sleep((long) (seconds * 1000));
            long t1 = System.nanoTime();
            long own = BenchMachine.processCpuNanos() - own0;
            BenchMachine.CpuSnapshot cpu1 = BenchMachine.CpuSnapshot.take();
            Map<Long, long[]> after = counters(cameras);
            Map<String, Long> threads1 = threadCpu();
            onsets.close(t1);
            watcher.interrupt();
            double s = (t1 - t0) / 1e9;
            List<Double> decoded = new ArrayList<>();
            List<Double> busyPasses = new ArrayList<>();
            List<Double> quietPasses = new ArrayList<>();
            List<Double> shown = new ArrayList<>();
            List<Double> busyNoMotion = new ArrayList<>();
            List<Double> busyMissed = new ArrayList<>();
            long drops = 0;
            for (LiveCamera camera : cameras) {
                long[] a = after.get(camera.camera().id());
                long[] b = before.get(camera.camera().id());
                decoded.add((a[0] - b[0]) / s);
                (quietIds.contains(camera.camera().id()) ? quietPasses : busyPasses).add((a[1] - b[1]) / s);
                if (!quietIds.contains(camera.camera().id())) {
                    busyNoMotion.add((a[5] - b[5]) / s);
                    busyMissed.add((a[6] - b[6]) / s);
                }
                drops += a[2] - b[2];
                if (a[4] != 0 && a[4] == b[4]) { // a tile showed it the whole window
                    // frames dropped for want of a slot were decoded but never in the ring: not shown either
                    shown.add((a[0] - b[0] - (a[2] - b[2]) - (a[3] - b[3])) / s);
                }
            }
            if (soakMinutes > 0) {
                soak(engine);
            }
            long[] latencies = onsets.latencies();
            String rss = String.format(Locale.ROOT, "%.0f", BenchMachine.residentMegabytes());
            System.out.printf("N=%d: %s onsets, %d missed; CPU by thread kind, %% of one core: %s%n", n,
                    latencies.length, onsets.missed(), threadShares(threads0, threads1, t1 - t0));
            System.out.printf(Locale.ROOT, "N=%d: busy cameras' gate ticks a second (median): no motion %.2f, missed"
                    + " while a pass waited %.2f%n", n, median(busyNoMotion), median(busyMissed));
            return new String[] {
                    n + " (" + busy + ")",
                    String.format(Locale.ROOT, "%.1f / %.1f", min(decoded), median(decoded)),
                    shown.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f / %.1f (%d)", min(shown), median(shown),
                            shown.size()),
                    busyPasses.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f / %.1f", min(busyPasses), median(busyPasses)),
                    quietPasses.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f", median(quietPasses)),
                    latencies.length == 0 ? "-" : String.format(Locale.ROOT, "%.0f / %.0f / %.0f",
                            BenchTable.percentile(latencies, 0.5) / 1e6, BenchTable.percentile(latencies, 0.95) / 1e6,
                            latencies[latencies.length - 1] / 1e6),
                    latencies.length + " (" + onsets.missed() + ")",
                    percent(cpu1.busyShare(cpu0)),
                    percent(own / ((t1 - t0) * (double) BenchMachine.cores())),
                    percent(cpu1.othersShare(cpu0)),
                    rss,
                    String.format(Locale.ROOT, "%.1f", drops / s)};
        }
    }

    /**
     * Keeps the engine running for {@code --soak} minutes and prints, each minute, the JVM's resident memory, its
     * heap in use after a collection, and the direct (native) buffers Java knows of: a leak shows as a trend.
     */
    private void soak(Engine engine) throws InterruptedException {
        System.out.printf("soak: %.0f min, one line a minute (resident MB, heap used after GC MB, direct buffers MB,"
                + " frames decoded)%n", soakMinutes);
        long end = System.nanoTime() + (long) (soakMinutes * 60e9);
        int minute = 0;
        while (System.nanoTime() < end) {
            Thread.sleep(60_000);
            minute++;
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            double heap = (runtime.totalMemory() - runtime.freeMemory()) / 1048576.0;
            double direct = ManagementFactory.getPlatformMXBeans(
                    BufferPoolMXBean.class).stream().filter(b -> b.getName().equals("direct"))
                    .mapToLong(BufferPoolMXBean::getMemoryUsed).sum() / 1048576.0;
            long frames = engine.cameras().stream().mapToLong(c -> c.display().stats().framesDecoded()).sum();
            System.out.printf(Locale.ROOT, "soak %3d min: RSS %.0f MB, heap %.0f MB, direct %.0f MB, %d frames%n",
                    minute, BenchMachine.residentMegabytes(), heap, direct, frames);
        }
    }

    /**
     * Per camera: frames decoded, detect passes, frames its display ring had no free slot for, frames its wall
     * tile's reader skipped, the identity of that reader (0: no tile shows the camera), gate ticks that saw no
     * motion, ticks missed while a pass waited.
     */
    private static Map<Long, long[]> counters(List<LiveCamera> cameras) {
        Map<Long, long[]> counters = new HashMap<>();
        for (LiveCamera camera : cameras) {
            CameraStats stats = camera.display().stats();
            long runs = camera.detectStats().map(DetectStats::runs).orElse(0L);
            long noMotion = camera.detectStats().map(DetectStats::skippedNoMotion).orElse(0L);
            long busy = camera.detectStats().map(DetectStats::skippedBusy).orElse(0L);
            FrameRing.Reader tile = camera.display().ring().readers().stream()
                    .filter(r -> r.name().startsWith("wall:")).findFirst().orElse(null);
            counters.put(camera.camera().id(), new long[] {stats.framesDecoded(), runs, stats.producerDrops(),
                    tile == null ? 0 : tile.skipped(), tile == null ? 0 : System.identityHashCode(tile), noMotion, busy});
        }
        return counters;
    }

    /**
     * Motion onsets of the quiet cameras, seen by a reader of each display ring that checks every frame, and the
     * time until a detection result names a person on that frame or a later one.
     *
     * <p>Thread-safety: {@link #watch} on one thread; {@link #result} on the detector's threads; the rest on the
     * benchmark's main thread; shared state in concurrent maps and synchronized lists.
     */
    private static final class Onsets {
        /** Camera id → {onset frame sequence, onset capture nanos}. */
        private final Map<Long, long[]> pending = new ConcurrentHashMap<>();
        private final List<Long> latencies = new ArrayList<>();
        private volatile long windowStart = Long.MAX_VALUE;
        private volatile long windowEnd = Long.MAX_VALUE;
        private int missed;

        void watch(List<LiveCamera> quiet) {
            int n = quiet.size();
            FrameRing.Reader[] readers = new FrameRing.Reader[n];
            MotionGate[] gates = new MotionGate[n];
            long[] lastChange = new long[n];
            for (int i = 0; i < n; i++) {
                readers[i] = quiet.get(i).display().ring().newReader("onset-watch");
                gates[i] = MotionGate.defaults();
            }
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    for (int i = 0; i < n; i++) {
                        FrameSlot slot = readers[i].acquireNewest();
                        if (slot == null) {
                            continue;
                        }
                        long capture = slot.captureNanos();
                        if (gates[i].update(slot.pixels(), slot.width(), slot.height(), slot.stride())) {
                            if (lastChange[i] != 0 && capture - lastChange[i] > STILL_BEFORE_ONSET_NANOS) {
                                onset(quiet.get(i).camera().id(), slot.sequence(), capture);
                            }
                            lastChange[i] = capture;
                        }
                        readers[i].release();
                    }
                    Thread.sleep(4);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                Arrays.stream(readers).forEach(FrameRing.Reader::close);
            }
        }

        private void onset(long cameraId, long sequence, long captureNanos) {
            long[] previous = pending.put(cameraId, new long[] {sequence, captureNanos});
            if (previous != null && counts(previous[1])) {
                synchronized (this) {
                    missed++;
                }
            }
        }

        void result(DetectionResult result) {
            long[] onset = pending.get(result.cameraId());
            if (onset == null || result.frameSequence() < onset[0]
                    || result.detections().stream().noneMatch(d -> d.label().equals("person"))) {
                return;
            }
            long now = System.nanoTime();
            if (pending.remove(result.cameraId(), onset) && counts(onset[1])) {
                synchronized (this) {
                    if (now - onset[1] > MISSED_AFTER_NANOS) {
                        missed++;
                    } else {
                        latencies.add(now - onset[1]);
                    }
                }
            }
        }

        private boolean counts(long onsetNanos) {
            return onsetNanos >= windowStart && onsetNanos < windowEnd;
        }

        void open(long start) { windowStart = start; }

        /** Closes the window; onsets inside it still pending for 5 s count as missed. */
        void close(long end) throws InterruptedException {
            windowEnd = end;
            Thread.sleep(MISSED_AFTER_NANOS / 1_000_000);
            synchronized (this) {
                missed += (int) pending.values().stream().filter(o -> counts(o[1])).count();
            }
        }

        synchronized long[] latencies() {
            return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        }

        synchronized int missed() { return missed; }
    }

    /** The four H.264 clips, made once per work folder with the bundled ffmpeg. */
    private record Clips(Path busyMain, Path busySub, Path quietMain, Path quietSub) {
        static Clips make(Path work, double still, double motion) throws Exception {
            String ffmpeg = Loader.load(ffmpeg.class);
            Path vtest = TestMedia.file("vtest.avi");
            Path background = work.resolve("street-empty.png");
            if (!Files.exists(background)) {
                // the median of 127 frames around frame 400: the pedestrians walk away, the street stays
                ffmpeg(ffmpeg, "-i", vtest.toString(), "-vf", "tmedian=radius=63,select=eq(n\\,400)", "-frames:v",
                        "1", background.toString());
            }
            Path busyMain = encode(ffmpeg, work, "busy-720p.mp4", 1280, 720, List.of("-i", vtest.toString()), null);
            Path busySub = encode(ffmpeg, work, "busy-360p.mp4", 640, 360, List.of("-i", vtest.toString()), null);
            List<String> quietInputs = List.of("-loop", "1", "-framerate", "10", "-t", Double.toString(still), "-i",
                    background.toString(), "-t", Double.toString(motion), "-i", vtest.toString());
            String concat = "[0:v]format=yuv420p[a];[1:v]format=yuv420p[b];[a][b]concat=n=2:v=1:a=0";
            String timing = (int) still + "s-" + (int) motion + "s";
            Path quietMain = encode(ffmpeg, work, "quiet-" + timing + "-720p.mp4", 1280, 720, quietInputs, concat);
            Path quietSub = encode(ffmpeg, work, "quiet-" + timing + "-360p.mp4", 640, 360, quietInputs, concat);
            return new Clips(busyMain, busySub, quietMain, quietSub);
        }

        private static Path encode(String ffmpeg, Path work, String name, int width, int height, List<String> inputs,
                                   String concat) throws Exception {
            Path out = work.resolve(name);
            if (Files.exists(out)) {
                return out;
            }
            List<String> command = new ArrayList<>(inputs);
            String scale = "fps=" + (int) CAMERA_FPS + ",scale=" + width + ":" + height + ",setsar=1";
            command.addAll(List.of("-filter_complex", (concat == null ? "[0:v]" + scale : concat + "," + scale)));
            // a camera's encoder: 1 s GOP, no B-frames
            command.addAll(List.of("-c:v", "libopenh264", "-b:v", width > 1000 ? "2M" : "600k", "-g",
                    Integer.toString((int) CAMERA_FPS), "-an", out.toString()));
            ffmpeg(ffmpeg, command.toArray(String[]::new));
            return out;
        }

        private static void ffmpeg(String ffmpeg, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-loglevel", "error", "-y"));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("ffmpeg failed: " + command);
            }
        }
    }

    /**
     * CPU ticks of this process's threads grouped by kind: the thread's name up to its first '-' or digit
     * (ingest-cam-01 → ingest, detect-2 → detect), from {@code /proc/self/task/<tid>/stat}.
     */
    private static Map<String, Long> threadCpu() {
        Map<String, Long> ticks = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    long used = BenchMachine.cpuTicks(task.resolve("stat"));
                    String kind = name.replaceFirst("[-0-9 ].*$", "");
                    ticks.merge(task.getFileName() + "/" + (kind.isEmpty() ? name : kind), used, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return ticks;
    }

    /** Per thread kind, the CPU used between the two readings, in % of one core, largest first. */
    private static String threadShares(Map<String, Long> before, Map<String, Long> after, long nanos) {
        Map<String, Long> byKind = new HashMap<>();
        after.forEach((key, ticks) -> byKind.merge(key.substring(key.indexOf('/') + 1),
                ticks - before.getOrDefault(key, 0L), Long::sum));
        return byKind.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey(), e.getValue() * 1e7 / nanos * 100))
                .collect(Collectors.joining(", "));
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }
}
