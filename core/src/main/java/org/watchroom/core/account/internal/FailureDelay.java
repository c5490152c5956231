package org.watchroom.core.account.internal;

import java.time.Duration;

/**
 * How long sign-in stays closed after {@code n} failures in a row: free for the first three (typos), then 1 s
 * doubling to a 5-minute cap — slow enough to stop guessing, short enough not to lock a guard out for a shift.
 *
 * <p>Thread-safety: stateless.
 */
public final class FailureDelay {
    static final int FREE = 3;
    static final Duration CAP = Duration.ofMinutes(5);

    private FailureDelay() {
    }

    public static Duration after(int failures) {
        if (failures < FREE) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - FREE, 20);
        Duration d = Duration.ofSeconds(1L << doublings);
        return d.compareTo(CAP) > 0 ? CAP : d;
    }
}
