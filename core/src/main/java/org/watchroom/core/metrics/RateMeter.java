package org.watchroom.core.metrics;

/**
 * Counts events and reports the rate over the last completed second. Allocation-free.
 *
 * <p>Thread-safety: {@link #add} from one thread; {@link #perSecond} from any (reads volatile fields).
 */
public final class RateMeter {
    private long windowStart = System.nanoTime();
    private long inWindow;
    private volatile double lastRate;
    private volatile long lastUpdate = System.nanoTime();

    public void add(long amount, long nowNanos) {
        roll(nowNanos);
        inWindow += amount;
    }

    private void roll(long nowNanos) {
        long elapsed = nowNanos - windowStart;
        if (elapsed >= 1_000_000_000L) {
            lastRate = inWindow * 1e9 / elapsed;
            inWindow = 0;
            windowStart = nowNanos;
            lastUpdate = nowNanos;
        }
    }

    /** Rate of the last full window; 0 when nothing was counted for two seconds. */
    public double perSecond() {
        return System.nanoTime() - lastUpdate > 2_000_000_000L ? 0 : lastRate;
    }
}
