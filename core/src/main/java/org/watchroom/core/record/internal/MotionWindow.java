package org.watchroom.core.record.internal;

import com.google.errorprone.annotations.concurrent.GuardedBy;

/**
 * Which of the last {@value #SECONDS} seconds had motion: one bit per wall-clock second, so that marking (a few
 * times a second) and asking (once a segment) allocate nothing. Seconds older than the window read as no motion.
 *
 * <p>Thread-safety: safe from any thread (synchronized; both sides call it rarely).
 */
public final class MotionWindow {
    public static final int SECONDS = 4096;
    private final long[] bits = new long[SECONDS / 64];
    @GuardedBy("this")
    private long newest = Long.MIN_VALUE; // newest second marked or cleared up to

    /** Motion was seen at {@code atMillis}. */
    public synchronized void mark(long atMillis) {
        long second = Math.floorDiv(atMillis, 1000);
        advanceTo(second);
        if (newest - second >= SECONDS) {
            return; // too old to keep
        }
        int i = (int) Math.floorMod(second, (long) SECONDS);
        bits[i >>> 6] |= 1L << (i & 63);
    }

    /** Whether any second of [{@code fromMillis}, {@code toMillis}] had motion. */
    public synchronized boolean any(long fromMillis, long toMillis) {
        if (newest == Long.MIN_VALUE) {
            return false;
        }
        long from = Math.max(Math.floorDiv(fromMillis, 1000), newest - SECONDS + 1);
        long to = Math.min(Math.floorDiv(toMillis, 1000), newest);
        for (long s = from; s <= to; s++) {
            int i = (int) Math.floorMod(s, (long) SECONDS);
            if ((bits[i >>> 6] & (1L << (i & 63))) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Clears the seconds that the window wraps onto when time moves on to {@code second}. */
    @GuardedBy("this")
    private void advanceTo(long second) {
        if (newest == Long.MIN_VALUE) {
            newest = second;
            return;
        }
        if (second <= newest) {
            return;
        }
        long steps = Math.min(second - newest, SECONDS);
        for (long s = newest + 1; s <= newest + steps; s++) {
            int i = (int) Math.floorMod(s, (long) SECONDS);
            bits[i >>> 6] &= ~(1L << (i & 63));
        }
        newest = second;
    }
}
