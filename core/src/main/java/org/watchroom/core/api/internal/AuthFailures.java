package org.watchroom.core.api.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down token guessing: after {@value #FREE_FAILURES} failed attempts from one address, each further
 * answer waits twice as long as the last (up to {@value #MAX_DELAY_MS} ms). A success or a quiet quarter of an
 * hour forgets the address. Memory is bounded: at most {@value #MAX_ADDRESSES} addresses, least recently seen
 * dropped first.
 *
 * <p>Thread-safety: safe from any thread (one lock around a small map).
 */
public final class AuthFailures {
    static final int FREE_FAILURES = 5;
    static final long MAX_DELAY_MS = 10_000;
    static final int MAX_ADDRESSES = 4096;
    private static final long FORGET_AFTER_NANOS = 15 * 60 * 1_000_000_000L;

    private record Record(int failures, long lastNanos) {
    }

    private final Map<String, Record> byAddress = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    /** Counts a failure and returns how long to wait before answering it, in milliseconds. */
    public synchronized long failed(String address) {
        long now = System.nanoTime();
        Record previous = byAddress.get(address);
        int failures = previous == null || now - previous.lastNanos() > FORGET_AFTER_NANOS ? 1 : previous.failures() + 1;
        byAddress.put(address, new Record(failures, now));
        return delayFor(failures);
    }

    public synchronized void succeeded(String address) {
        byAddress.remove(address);
    }

    static long delayFor(int failures) {
        if (failures <= FREE_FAILURES) {
            return 0;
        }
        int doublings = Math.min(failures - FREE_FAILURES - 1, 20);
        return Math.min(MAX_DELAY_MS, 100L << doublings);
    }

    synchronized int tracked() {
        return byAddress.size();
    }
}
