package org.watchroom.core.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the benchmarks share about the machine they run on, which other processes may be using too: waiting
 * for it to go idle before a measured step, the share of the CPU that other processes took during each step,
 * this process's CPU time, and a one-line description of the machine. Linux only ({@code /proc}); elsewhere the
 * shares read 0 and nothing waits.
 *
 * <p>Thread-safety: none; one per benchmark, used from its main thread.
 */
public final class BenchMachine {

    /** Maven hands {@code -Dbench.args="..."} over as one argument: split every argument on white space. */
    public static String[] splitArgs(String[] args) {
        return Arrays.stream(args).flatMap(a -> Arrays.stream(a.trim().split("\\s+")))
                .filter(a -> !a.isEmpty()).toArray(String[]::new);
    }
    private static final int CLOCK_PROCESS_CPUTIME_ID = 2; // Linux
    /** {@code int clock_gettime(clockid_t, struct timespec *)}, or null where it cannot be linked. */
    private static final MethodHandle CLOCK_GETTIME = clockGettime();

    private final double quietWaitSeconds;
    private final double quietBudgetSeconds;
    private double quietWaited;
    private int unquietStarts;
    /** Others' CPU share during each measured step since the last {@link #clearOthers()}. */
    private final List<Double> othersDuringRuns = new ArrayList<>();

    /**
     * @param quietWaitSeconds   before each measured step wait up to this long for an idle machine (0 = don't wait)
     * @param quietBudgetSeconds stop waiting once this much was spent waiting in total
     */
    BenchMachine(double quietWaitSeconds, double quietBudgetSeconds) {
        this.quietWaitSeconds = quietWaitSeconds;
        this.quietBudgetSeconds = quietBudgetSeconds;
    }

    /** A benchmark step that may throw. */
    interface Step<T> {
        T run() throws Exception;
    }

    /** Waits for an idle machine, then runs {@code step} and logs the other processes' CPU share during it. */
    <T> T measured(Step<T> step) throws Exception {
        awaitQuiet();
        CpuSnapshot before = CpuSnapshot.take();
        T result = step.run();
        othersDuringRuns.add(CpuSnapshot.take().othersShare(before));
        return result;
    }

    /** Until the whole machine was under 10% busy for 300 ms, or the quiet wait (or budget) is over. */
    void awaitQuiet() throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + (long) (Math.min(quietWaitSeconds, Math.max(0, quietBudgetSeconds - quietWaited)) * 1e9);
        while (true) {
            CpuSnapshot before = CpuSnapshot.take();
            Thread.sleep(300);
            if (CpuSnapshot.take().busyShare(before) < 0.10) {
                break;
            }
            if (System.nanoTime() > deadline) {
                unquietStarts++;
                break;
            }
        }
        quietWaited += Math.max(0, (System.nanoTime() - t0) / 1e9 - 0.3);
    }

    /** Others' CPU share during each measured step since the last {@link #clearOthers()}, in order. */
    List<Double> othersDuringRuns() { return List.copyOf(othersDuringRuns); }

    double maxOthers() {
        return othersDuringRuns.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    void clearOthers() { othersDuringRuns.clear(); }

    /** Seconds spent waiting for the machine to go idle, beyond the minimum 300 ms check per step. */
    double quietWaited() { return quietWaited; }

    /** Measured steps that started on a busy machine because the wait gave up. */
    int unquietStarts() { return unquietStarts; }

    /**
     * CPU time of this process, all threads (Java and native ones such as OpenCV's and ONNX Runtime's), to the
     * nanosecond: {@code clock_gettime(CLOCK_PROCESS_CPUTIME_ID)}. The JMX bean's {@code getProcessCpuTime}
     * counts in 10 ms scheduler ticks on this JDK, too coarse for single calls; it is the fallback.
     */
    public static long processCpuNanos() {
        if (CLOCK_GETTIME != null) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment timespec = arena.allocate(ValueLayout.JAVA_LONG, 2);
                if ((int) CLOCK_GETTIME.invokeExact(CLOCK_PROCESS_CPUTIME_ID, timespec) == 0) {
                    return timespec.getAtIndex(ValueLayout.JAVA_LONG, 0) * 1_000_000_000L
                            + timespec.getAtIndex(ValueLayout.JAVA_LONG, 1);
                }
            } catch (Throwable e) {
                // fall through to the coarse clock
            }
        }
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @SuppressWarnings("restricted") // the benchmark JVM runs with --enable-native-access
    private static MethodHandle clockGettime() {
        if (!System.getProperty("os.name", "").startsWith("Linux") || !"64".equals(System.getProperty("sun.arch.data.model"))) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("clock_gettime").map(address -> linker.downcallHandle(address,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS))).orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** {@code /proc/cpuinfo}'s first model name. */
    public static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** utime + stime, in clock ticks (10 ms), from a {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat} file. */
    public static long cpuTicks(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** This JVM's resident memory in MB ({@code VmRSS}), or -1 where {@code /proc} cannot say. */
    public static double residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** CPU ticks of the whole machine and of this process plus its reaped children (e.g. ffmpeg runs), Linux only. */
    public record CpuSnapshot(long machineBusyTicks, long ownTicks, long nanos) {
        private static final double TICK_NANOS = 1e9 / 100; // USER_HZ

        public static CpuSnapshot take() {
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
                long busy = 0;
                for (int i = 1; i <= 8 && i < cpu.length; i++) {
                    if (i != 4 && i != 5) { // user nice system [idle iowait] irq softirq steal
                        busy += Long.parseLong(cpu[i]);
                    }
                }
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] self = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                long own = 0;
                for (int i = 11; i <= 14; i++) { // utime stime cutime cstime
                    own += Long.parseLong(self[i]);
                }
                return new CpuSnapshot(busy, own, System.nanoTime());
            } catch (IOException | RuntimeException e) {
                return new CpuSnapshot(0, 0, System.nanoTime());
            }
        }

        /** Share of the machine's CPU that was busy (anyone) since {@code before}. */
        public double busyShare(CpuSnapshot before) {
            double capacity = (double) (nanos - before.nanos) * cores();
            return capacity <= 0 ? 0 : (machineBusyTicks - before.machineBusyTicks) * TICK_NANOS / capacity;
        }

        /** Share of the machine's CPU that went to other processes (or steal) since {@code before}. */
        public double othersShare(CpuSnapshot before) {
            double capacity = (double) (nanos - before.nanos) * cores();
            long others = (machineBusyTicks - before.machineBusyTicks) - (ownTicks - before.ownTicks);
            return capacity <= 0 ? 0 : Math.max(0, others * TICK_NANOS / capacity);
        }
    }
}
