package org.watchroom.core.bench;

import com.sun.management.ThreadMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.watchroom.core.frame.FileAccess;
import org.watchroom.core.frame.FrameReader;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.frame.FrameSlot;
import org.watchroom.core.frame.SharedFrameFolder;
import org.watchroom.core.frame.SharedFrameReader;

/**
 * What a wall tile costs per displayed frame when it reads the camera's ring through shared memory from another
 * process (issue 16: the workstation in its own process) against today's in-process ring. A producer thread
 * publishes BGRA frames (default 1280x720 at 30 fps, a bulk copy into the slot standing in for swscale); the tile
 * is a trailing reader polled at 60 Hz, like the JavaFX pulse, that copies every acquired frame into a
 * preallocated direct buffer, as the texture upload does. (a) the tile is a {@link FrameRing.Reader} on a thread of
 * this JVM, reading an ordinary ring; (b) it is a {@link SharedFrameReader} in a child JVM, reading a
 * {@link FrameRing#shared shared} ring in /dev/shm. Measured: the tile thread's CPU time per displayed frame (and,
 * for information, the producer thread's per published frame over the same window), after a warm-up and after the
 * tile's code is compiled; runs alternate a, b, b, a...
 * Not a test: {@code ./mvnw -B -o -pl core -Pbench process-test-classes
 * -Dbench.main=org.watchroom.core.bench.SharedFrameBenchmark} (docs/performance.md).
 *
 * <p>Arguments: {@code --runs N} (pairs, default 3), {@code --seconds S} (measured per run, default 10),
 * {@code --warmup S} (default 3), {@code --fps F} (30), {@code --size WxH} (1280x720), {@code --quiet-wait S}
 * (15), {@code --quiet-budget S} (60), {@code --work DIR} (the data folder whose shared folder is used).
 *
 * <p>Thread-safety: a main class.
 */
public final class SharedFrameBenchmark {
    private static final double GOAL = 1.05;
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long PULSE_NANOS = 1_000_000_000L / 60;

    private int runs = 3;
    private double seconds = 10;
    private double warmup = 3;
    private int fps = 30;
    private int width = 1280;
    private int height = 720;
    private double quietWait = 15;
    private double quietBudget = 60;
    private Path work = Path.of("target", "bench");
    private boolean diagnose;
    /** CPUs the producer and the tile thread are pinned to ({@code taskset}), -1 = wherever the scheduler puts them. */
    private int producerCpu = -1;
    private int tileCpu = -1;

    /** One run of one side: tile frames and CPU, producer frames and CPU, others' CPU share. */
    record Run(String side, Tile tile, long published, long producerCpuNanos, long producerFaults, double others) {
        double tileMicros() { return tile.cpuNanos() / 1e3 / tile.displayed(); }

        Run others(double share) { return new Run(side, tile, published, producerCpuNanos, producerFaults, share); }

        double producerMicros() { return producerCpuNanos / 1e3 / published; }
    }

    /** What the tile counted over the measured window: frames shown, its thread's CPU time and minor page faults. */
    record Tile(long displayed, long cpuNanos, long faults) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--tile")) { // the child JVM of side (b)
            Tile tile;
            try (SharedFrameReader reader = SharedFrameReader.open(Path.of(args[1]), "bench-tile", true)) {
                tile = tile(reader, Double.parseDouble(args[2]), Double.parseDouble(args[3]), Integer.parseInt(args[4]),
                        phase -> {
                            System.out.println("WINDOW " + phase);
                            System.out.flush();
                        });
            }
            System.out.println("TILE " + tile.displayed() + " " + tile.cpuNanos() + " " + tile.faults());
            return;
        }
        args = BenchMachine.splitArgs(args);
        SharedFrameBenchmark bench = new SharedFrameBenchmark();
        bench.parse(args);
        bench.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--fps" -> fps = Integer.parseInt(args[++i]);
                case "--size" -> {
                    String[] wh = args[++i].split("x");
                    width = Integer.parseInt(wh[0]);
                    height = Integer.parseInt(wh[1]);
                }
                case "--quiet-wait" -> quietWait = Double.parseDouble(args[++i]);
                case "--quiet-budget" -> quietBudget = Double.parseDouble(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--diagnose" -> diagnose = true;
                case "--cpus" -> {
                    String[] pt = args[++i].split(",");
                    producerCpu = Integer.parseInt(pt[0]);
                    tileCpu = Integer.parseInt(pt[1]);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
    }

    private void run() throws Exception {
        BenchMachine machine = new BenchMachine(quietWait, quietBudget);
        System.out.println("== Watchroom shared-memory tile benchmark ==");
        System.out.printf("cpu: %s, %d cores visible to the JVM; load average: %s%n", BenchMachine.cpuModel(),
                BenchMachine.cores(), BenchMachine.loadAverage());
        System.out.printf("java: %s %s; %dx%d BGRA at %d fps, tile polled at 60 Hz, %d run pairs of %.0f s (+%.0f s warm-up)%n",
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), width, height, fps,
                runs, seconds, warmup);
        System.out.println(producerCpu < 0 ? "threads not pinned" : "producer thread on CPU " + producerCpu
                + ", tile thread on CPU " + tileCpu);
        Files.createDirectories(work);
        Path folder = SharedFrameFolder.open(work.toAbsolutePath(), FileAccess.OWNER);
        Path file = SharedFrameFolder.file(folder, "bench");
        List<Run> local = new ArrayList<>();
        List<Run> shared = new ArrayList<>();
        List<Run> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) { // alternating order, so that background load hits both sides
            if (i % 2 == 0) {
                local.add(measured(machine, this::inProcess, all));
                shared.add(measured(machine, () -> sharedMemory(file), all));
            } else {
                shared.add(measured(machine, () -> sharedMemory(file), all));
                local.add(measured(machine, this::inProcess, all));
            }
            if (diagnose) {
                measured(machine, () -> sameProcessShared(file), all);
            }
            System.out.printf("pair %d: in-process %.1f µs/frame, shared %.1f µs/frame%n", i + 1,
                    local.getLast().tileMicros(), shared.getLast().tileMicros());
        }
        Files.deleteIfExists(folder);
        List<String[]> rows = new ArrayList<>();
        for (Run r : all) {
            rows.add(new String[] {r.side(), Long.toString(r.tile().displayed()), fmt(r.tileMicros()),
                    fmt((double) r.tile().faults() / r.tile().displayed()), Long.toString(r.published()),
                    fmt(r.producerMicros()), fmt((double) r.producerFaults() / r.published()), String.format(Locale.ROOT, "%.1f%%", r.others() * 100)});
        }
        System.out.println();
        BenchTable.print(new String[] {"side", "tile frames", "tile CPU µs/frame", "tile faults/frame", "published",
                "producer CPU µs/frame", "producer faults/frame", "others' CPU"}, rows);
        double a = median(local.stream().mapToDouble(Run::tileMicros).toArray());
        double b = median(shared.stream().mapToDouble(Run::tileMicros).toArray());
        double pa = median(local.stream().mapToDouble(Run::producerMicros).toArray());
        double pb = median(shared.stream().mapToDouble(Run::producerMicros).toArray());
        System.out.printf("%ntile CPU per displayed frame, median: in-process %.1f µs, shared memory %.1f µs;"
                + " ratio shared / in-process = %.3f (goal <= %.2f: %s)%n", a, b, b / a, GOAL, b / a <= GOAL ? "met" : "NOT met");
        System.out.printf("producer CPU per published frame, median: in-process ring %.1f µs, shared ring %.1f µs;"
                + " ratio %.3f%n", pa, pb, pb / pa);
        System.out.printf("load average after: %s%n", BenchMachine.loadAverage());
    }

    private static Run measured(BenchMachine machine, BenchMachine.Step<Run> side, List<Run> all) throws Exception {
        Run run = machine.measured(side).others(machine.othersDuringRuns().getLast());
        all.add(run);
        return run;
    }

    /** Side (a): ordinary ring, tile on a thread of this JVM. */
    private Run inProcess() throws Exception {
        try (FrameRing ring = new FrameRing(5, width, height)) {
            FrameRing.Reader reader = ring.newTrailingReader("bench-tile");
            Tile[] result = new Tile[1];
            AtomicInteger window = new AtomicInteger();
            Thread tile = Thread.ofPlatform().name("bench-tile").start(() -> {
                result[0] = tile(reader, warmup, seconds, tileCpu, window::set);
                reader.close();
            });
            long[] producer = produce(ring, window, tile::isAlive);
            tile.join();
            return new Run("in-process", result[0], producer[0], producer[1], producer[2], 0);
        }
    }

    /** Diagnosis only: shared ring, {@link SharedFrameReader} on a thread of this JVM (shared memory, one process). */
    private Run sameProcessShared(Path file) throws Exception {
        try (FrameRing ring = FrameRing.shared(file, 5, width, height, FileAccess.OWNER);
             SharedFrameReader reader = SharedFrameReader.open(file, "bench-tile", true)) {
            Tile[] result = new Tile[1];
            AtomicInteger window = new AtomicInteger();
            Thread tile = Thread.ofPlatform().name("bench-tile")
                    .start(() -> result[0] = tile(reader, warmup, seconds, tileCpu, window::set));
            long[] producer = produce(ring, window, tile::isAlive);
            tile.join();
            return new Run("shared, same process", result[0], producer[0], producer[1], producer[2], 0);
        }
    }

    /** Side (b): shared ring in /dev/shm, tile in a child JVM. */
    private Run sharedMemory(Path file) throws Exception {
        try (FrameRing ring = FrameRing.shared(file, 5, width, height, FileAccess.OWNER)) {
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            Process child = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    SharedFrameBenchmark.class.getName(), "--tile", file.toString(), Double.toString(warmup), Double.toString(seconds),
                    Integer.toString(tileCpu))).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                AtomicInteger window = new AtomicInteger();
                CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> {
                    // the child says when its measured window opens and closes, so the producer measures the same one
                    try {
                        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                        for (String line = out.readLine(); line != null; line = out.readLine()) {
                            if (line.startsWith("WINDOW ")) {
                                window.set(Integer.parseInt(line.substring(7)));
                            } else if (line.startsWith("TILE ")) {
                                return line;
                            }
                        }
                        return null;
                    } catch (IOException e) {
                        return null;
                    }
                }, Executors.newVirtualThreadPerTaskExecutor());
                long[] producer = produce(ring, window, child::isAlive);
                String line = result.get(30, TimeUnit.SECONDS);
                if (!child.waitFor(30, TimeUnit.SECONDS) || line == null) {
                    throw new IllegalStateException("the tile process failed");
                }
                String[] parts = line.split(" ");
                Tile tile = new Tile(Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]));
                return new Run("shared memory", tile, producer[0], producer[1], producer[2], 0);
            } finally {
                child.destroyForcibly();
            }
        }
    }

    /**
     * Publishes frames at {@link #fps} until the tile's window closes ({@code window} 2) or the tile is gone;
     * returns the frames published and the producer thread's CPU time while the window was open (1).
     */
    private long[] produce(FrameRing ring, AtomicInteger window, BooleanSupplier running) {
        int bytes = width * height * 4;
        ByteBuffer[] sources = {pattern(bytes, 1), pattern(bytes, 2)};
        long period = 1_000_000_000L / fps;
        pinThisThread(producerCpu);
        long next = System.nanoTime();
        long cpuAtStart = -1;
        long faultsAtStart = 0;
        long published = 0;
        while (running.getAsBoolean() && window.get() < 2) {
            if (cpuAtStart < 0 && window.get() == 1) {
                cpuAtStart = THREADS.getCurrentThreadCpuTime();
                faultsAtStart = minorFaults();
                published = 0;
            }
            ByteBuffer target = ring.beginWrite(width, height);
            if (target != null) {
                target.put(0, sources[(int) (published & 1)], 0, bytes);
                ring.publish(System.nanoTime());
                published++;
            }
            next += period;
            LockSupport.parkNanos(next - System.nanoTime());
        }
        long cpu = cpuAtStart < 0 ? 0 : THREADS.getCurrentThreadCpuTime() - cpuAtStart;
        return new long[] {Math.max(published, 1), cpu, minorFaults() - faultsAtStart};
    }

    private static ByteBuffer pattern(int bytes, int seed) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        for (int i = 0; i < bytes; i++) {
            b.put(i, (byte) (i * seed + (i >>> 12)));
        }
        return b;
    }

    /**
     * The tile: every 1/60 s acquire the newest frame and, if there is one, copy it into the "texture" (a direct
     * buffer); the CPU time of this thread over {@code seconds} after {@code warmup}. Side (a) and (b) run this.
     */
    static Tile tile(FrameReader reader, double warmup, double seconds, int onCpu, IntConsumer window) {
        pinThisThread(onCpu);
        ByteBuffer texture = ByteBuffer.allocateDirect(4096).order(ByteOrder.nativeOrder());
        long checksum = jitWarmup(reader, texture);
        boolean measuring = false;
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        long cpuAtStart = 0;
        long faultsAtStart = 0;
        long displayed = 0;
        long next = start;
        while (true) {
            long now = System.nanoTime();
            if (!measuring && now >= measureFrom) {
                measuring = true;
                window.accept(1);
                cpuAtStart = THREADS.getCurrentThreadCpuTime();
                faultsAtStart = minorFaults();
                displayed = 0;
            }
            if (now >= end) {
                break;
            }
            FrameSlot slot = reader.acquireNewest();
            if (slot != null) {
                int bytes = slot.stride() * slot.height();
                if (texture.capacity() < bytes) {
                    texture = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder()); // on growth only
                }
                checksum += upload(texture, slot.pixels(), bytes);
                displayed++;
            }
            next += PULSE_NANOS;
            LockSupport.parkNanos(next - System.nanoTime());
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
        long faults = minorFaults() - faultsAtStart;
        window.accept(2);
        if (checksum == Long.MIN_VALUE) {
            System.out.print(""); // keeps the copy observable
        }
        return new Tile(Math.max(displayed, 1), cpu, faults);
    }

    /** The texture upload's share of the CPU: read every byte of the frame once, into {@code texture}. */
    private static byte upload(ByteBuffer texture, ByteBuffer pixels, int bytes) {
        texture.put(0, pixels, 0, bytes);
        return texture.get(bytes / 2);
    }

    /**
     * Compiles the tile's path (acquire, upload) before anything is measured: at 30 frames a second a fresh JVM
     * (the child of side b) would still be interpreting it after minutes, and its interpreted copy is slower than
     * the compiled one, which is what a workstation that has run for a while uses.
     */
    private static long jitWarmup(FrameReader reader, ByteBuffer texture) {
        FrameSlot slot;
        while ((slot = reader.acquireNewest()) == null) {
            LockSupport.parkNanos(1_000_000);
        }
        long checksum = 0;
        for (int i = 0; i < 30_000; i++) {
            FrameSlot newer = reader.acquireNewest();
            slot = newer != null ? newer : slot;
            checksum += upload(texture, slot.pixels(), texture.capacity());
        }
        return checksum;
    }

    /**
     * Pins the calling thread to {@code cpu} with {@code taskset} (nothing for -1): where the producer and the tile
     * run decides whether the frame is still in a shared cache when the tile copies it, which otherwise varies from
     * run to run with the scheduler.
     */
    private static void pinThisThread(int cpu) {
        if (cpu < 0) {
            return;
        }
        try {
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            Process taskset = new ProcessBuilder("taskset", "-pc", Integer.toString(cpu), tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (taskset.waitFor() != 0) {
                throw new IllegalStateException("taskset failed for thread " + tid);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot pin a thread (taskset)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** This thread's minor page faults so far ({@code /proc/thread-self/stat}), 0 where unknown. */
    private static long minorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+")[7]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String fmt(double value) { return String.format(Locale.ROOT, "%.1f", value); }
}
