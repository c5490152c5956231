package org.watchroom.core.api.internal;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Slows down token guessing, per client address, over HTTP and the WebSocket alike. The rule:
 * <ul>
 *   <li>A failure is a token that was presented and is wrong; a request with no token guesses nothing and is
 *       not counted.</li>
 *   <li>The first {@value #FREE_FAILURES} failures of an address cost nothing; each one after waits twice as
 *       long as the one before (100 ms, 200 ms, … up to {@value #MAX_DELAY_MS} ms) before it is answered.</li>
 *   <li>An address's token checks take turns ({@link #check}): a check starts only when the address's previous
 *       one is over, its failure's wait included. Parallel connections from one address therefore queue behind
 *       each other instead of guessing side by side, and every guess is checked after the waits before it.</li>
 *   <li>A success resets the count of the address it came from, and only once that address has had no failure
 *       for {@value #QUIET_SECONDS} s; it never touches another address. So a guesser holding a valid token of
 *       its own (another user's) cannot wipe its count between guesses, while a person who mistyped is back to
 *       full speed a minute later.</li>
 *   <li>An address with no failure for a quarter of an hour is forgotten.</li>
 * </ul>
 * Memory is bounded: at most {@value #MAX_ADDRESSES} addresses with failures are kept, least recently seen
 * dropped first; an address whose check is under way is never dropped, so its turns hold. Time comes from an
 * injectable {@code nanoTime} source, so tests can pass a quiet minute without sleeping.
 *
 * <p>Thread-safety: safe from any thread. Counts live in a map under this object's lock; each address has its
 * own fair lock for its turns, held across its check and its failure's wait (virtual threads: waiting costs no
 * platform thread).
 */
public final class AuthFailures {
    static final int FREE_FAILURES = 5;
    static final long MAX_DELAY_MS = 10_000;
    static final int MAX_ADDRESSES = 4096;
    static final long QUIET_SECONDS = 60;
    private static final long QUIET_NANOS = QUIET_SECONDS * 1_000_000_000L;
    private static final long FORGET_AFTER_NANOS = 15 * 60 * 1_000_000_000L;

    /** One address: its count (guarded by the outer lock) and its turns. */
    private static final class Entry {
        final ReentrantLock turn = new ReentrantLock(true);
        int failures;
        long lastFailureNanos;
        int checks;
    }

    @GuardedBy("this")
    private final Map<String, Entry> byAddress = new LinkedHashMap<>(64, 0.75f, true);
    private final LongSupplier nanoTime;

    public AuthFailures() {
        this(System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests) */
    public AuthFailures(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Runs {@code check} on a token presented from {@code address} when it is that address's turn; an empty
     * answer is counted as a failure and waits its delay before this returns (so the caller answers late).
     */
    public <T> Optional<T> check(String address, Supplier<Optional<T>> check) throws InterruptedException {
        Entry entry = enter(address);
        try {
            entry.turn.lockInterruptibly();
            try {
                Optional<T> result = check.get();
                if (result.isPresent()) {
                    succeeded(entry);
                } else {
                    long delay = failed(entry);
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                }
                return result;
            } finally {
                entry.turn.unlock();
            }
        } finally {
            leave(address, entry);
        }
    }

    /** Counts a failure from {@code address} without taking a turn; returns its delay in milliseconds. */
    synchronized long failed(String address) {
        Entry entry = byAddress.computeIfAbsent(address, a -> new Entry());
        long delay = failed(entry);
        trim();
        return delay;
    }

    /** A success from {@code address} without taking a turn: resets its count if it has been quiet long enough. */
    synchronized void succeeded(String address) {
        Entry entry = byAddress.get(address);
        if (entry != null) {
            succeeded(entry);
            if (entry.failures == 0 && entry.checks == 0) {
                byAddress.remove(address);
            }
        }
    }

    private synchronized long failed(Entry entry) {
        long now = nanoTime.getAsLong();
        if (entry.failures > 0 && now - entry.lastFailureNanos > FORGET_AFTER_NANOS) {
            entry.failures = 0;
        }
        entry.failures++;
        entry.lastFailureNanos = now;
        return delayFor(entry.failures);
    }

    private synchronized void succeeded(Entry entry) {
        if (entry.failures > 0 && nanoTime.getAsLong() - entry.lastFailureNanos >= QUIET_NANOS) {
            entry.failures = 0;
        }
    }

    private synchronized Entry enter(String address) {
        Entry entry = byAddress.computeIfAbsent(address, a -> new Entry());
        entry.checks++;
        trim();
        return entry;
    }

    private synchronized void leave(String address, Entry entry) {
        entry.checks--;
        if (entry.checks == 0 && entry.failures == 0) {
            byAddress.remove(address, entry); // nothing to remember about an address that only succeeds
        }
    }

    /** Drops the least recently seen idle addresses past the bound. */
    @GuardedBy("this")
    private void trim() {
        Iterator<Entry> eldestFirst = byAddress.values().iterator();
        while (byAddress.size() > MAX_ADDRESSES && eldestFirst.hasNext()) {
            if (eldestFirst.next().checks == 0) {
                eldestFirst.remove();
            }
        }
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
