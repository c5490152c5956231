package org.watchroom.core.metrics;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.Arrays;

/**
 * The last {@code n} durations, for p50/p95 without allocating per sample.
 *
 * <p>Thread-safety: {@link #record} from one thread; {@link #percentileMillis} copies under the same lock.
 */
public final class LatencyWindow {
    private final long[] samples;
    @GuardedBy("this")
    private int count;
    @GuardedBy("this")
    private int next;

    public LatencyWindow(int size) { samples = new long[size]; }

    public synchronized void record(long nanos) {
        samples[next] = nanos;
        next = (next + 1) % samples.length;
        count = Math.min(count + 1, samples.length);
    }

    /** The {@code p}-th percentile (0..1) in milliseconds, 0 without samples. */
    public synchronized double percentileMillis(double p) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.round(p * (count - 1)));
        return sorted[index] / 1e6;
    }
}
