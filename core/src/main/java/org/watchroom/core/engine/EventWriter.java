package org.watchroom.core.engine;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.StorageFailures;

/**
 * The event path's one writer thread: events, detections and clip rows are written in the order they were asked
 * for, never on a camera's or a detector's thread.
 *
 * <p>Nothing accepted is dropped because the disk failed. A write is a list of {@link Step}s, each one atomic (one
 * statement or one transaction) and safe to run again. When a step fails for lack of storage (a full disk, or the
 * database H2 closed after a failed write), it is kept, with everything queued behind it, and tried again every
 * few seconds after reopening the database, so rows keep their order and land once space returns; the steps before
 * it are not run twice. Meanwhile {@link #status()} says why storage is failing and how many writes wait. A failure
 * of another kind (a bug, a constraint) is logged with its throwable and that write is skipped.
 *
 * <p>Bounded, with a stated policy: while more than {@value #DETECTIONS_LIMIT} writes wait, detection rows (one per
 * detector pass; the event keeps its peak box and snapshot) and maintenance are refused; beyond
 * {@value #HARD_LIMIT}, events and clips too. Refusals are counted and logged; they happen only after minutes of
 * failing storage under heavy activity.
 *
 * <p>Thread-safety: {@link #submit} and {@link #status} from any thread; steps run on the writer thread only.
 */
final class EventWriter implements AutoCloseable {
    /** What a write is for, which decides what is refused first when too many wait. */
    enum Kind { EVENT, DETECTIONS, MAINTENANCE }

    /** One atomic part of a write. */
    @FunctionalInterface
    interface Step {
        void run();
    }

    /**
     * What the writer knows of the storage now.
     *
     * @param problem why writes fail, or null while they work
     * @param since when they started failing, or null
     * @param pending writes waiting (including the one being retried)
     * @param refused writes refused since start because too many waited
     */
    record Status(String problem, Instant since, int pending, long refused) {
        boolean failing() { return problem != null; }
    }

    static final int DETECTIONS_LIMIT = 5_000;
    static final int HARD_LIMIT = 20_000;
    private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);

    private final Database database;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final Object lock = new Object();
    @GuardedBy("lock")
    private final Deque<Write> queue = new ArrayDeque<>();
    @GuardedBy("lock")
    private boolean closing;
    @GuardedBy("lock")
    private long refused;
    private volatile String problem;
    private volatile Instant failingSince;
    private final Thread thread;

    private static final class Write {
        final Kind kind;
        final List<Step> steps;
        int next; // writer thread only: the first step not done yet

        Write(Kind kind, List<Step> steps) {
            this.kind = kind;
            this.steps = steps;
        }
    }

    EventWriter(Database database) {
        this(database, Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    /** @param firstRetry wait before the first retry, doubled up to {@code maxRetry} while storage keeps failing */
    EventWriter(Database database, Duration firstRetry, Duration maxRetry) {
        this.database = Objects.requireNonNull(database);
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        this.thread = Thread.ofVirtual().name("event-writer").start(this::run);
    }

    /** Queues a write; false when it is refused (closing, or too many writes wait — counted and logged). */
    boolean submit(Kind kind, Step... steps) {
        synchronized (lock) {
            int limit = kind == Kind.EVENT ? HARD_LIMIT : DETECTIONS_LIMIT;
            if (closing || queue.size() >= limit) {
                refused++;
                if (!closing && (refused == 1 || refused % 1000 == 0)) {
                    LOG.error("Storage: {} writes wait for the disk; {} write refused ({} refused so far): {}",
                            queue.size(), kind.name().toLowerCase(Locale.ROOT), refused, problem);
                }
                return false;
            }
            queue.addLast(new Write(kind, List.of(steps)));
            lock.notifyAll();
            return true;
        }
    }

    Status status() {
        synchronized (lock) {
            return new Status(problem, failingSince, queue.size(), refused);
        }
    }

    private void run() {
        while (true) {
            Write write;
            synchronized (lock) {
                while (queue.isEmpty() && !closing) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (queue.isEmpty()) {
                    return; // closing and drained
                }
                write = queue.peekFirst();
            }
            if (!runUntilDoneOrHopeless(write)) {
                return; // closing while storage fails: what is left is reported by close()
            }
            synchronized (lock) {
                queue.pollFirst();
                lock.notifyAll();
            }
        }
    }

    /** Runs the write's remaining steps, retrying storage failures; false when it gave up because of close. */
    private boolean runUntilDoneOrHopeless(Write write) {
        Duration wait = firstRetry;
        while (write.next < write.steps.size()) {
            try {
                write.steps.get(write.next).run();
                write.next++;
                if (problem != null) {
                    recovered();
                }
            } catch (RuntimeException e) {
                if (!StorageFailures.isStorageFailure(e)) {
                    LOG.error("Event writer: a {} write failed and is skipped", write.kind.name().toLowerCase(
                            Locale.ROOT), e);
                    return true;
                }
                failing(e);
                if (!sleep(wait)) {
                    return false;
                }
                wait = wait.multipliedBy(2).compareTo(maxRetry) > 0 ? maxRetry : wait.multipliedBy(2);
                try {
                    database.reopen();
                } catch (RuntimeException stillBroken) {
                    LOG.debug("Reopening the database failed", stillBroken);
                }
            }
        }
        return true;
    }

    private void failing(RuntimeException e) {
        String why = StorageFailures.describe(e);
        if (problem == null) {
            failingSince = Instant.now();
            LOG.error("Storage failing: {}. Events are kept in memory ({} writes waiting) and written when it works "
                    + "again.", why, status().pending(), e);
        }
        problem = why;
    }

    private void recovered() {
        LOG.warn("Storage works again after {} s; {} writes waiting are being written.",
                Duration.between(failingSince, Instant.now()).toSeconds(), status().pending());
        problem = null;
        failingSince = null;
    }

    /** Sleeps unless closing; false when closing (so close() is not held up by a storage that will not come back). */
    private boolean sleep(Duration wait) {
        synchronized (lock) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (!closing) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return false;
        }
    }

    /** Waits until everything queued is written (or {@code timeout}); what storage could not take is logged. */
    void close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            // a healthy writer drains the queue; a failing one is woken from its retry sleep and stops
            while (!queue.isEmpty() && problem == null && System.nanoTime() < deadline) {
                try {
                    lock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            closing = true;
            lock.notifyAll();
        }
        try {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Status left = status();
        if (left.pending() > 0) {
            LOG.error("Stopping with {} event writes not stored ({}); start-up recovery closes the events and clips "
                    + "they leave open.", left.pending(), left.failing() ? left.problem() : "not finished in time");
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
