package org.watchroom.core.cli;

import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;

/**
 * One {@code events follow}'s share of the bus: a bounded queue between the bus, which must never wait for a
 * command line, and the command's own thread, which writes to the client at the client's pace.
 *
 * <p>Drop policy: when the queue is full, the NEWEST happening is dropped (and counted), so what is printed stays in
 * order up to the gap; the writer says how many it lost once it has caught up ({@link #takeDropped}).
 *
 * <p>Thread-safety: the bus offers from any thread; {@link #next}, {@link #takeDropped} and {@link #close} from the
 * command's thread; {@link #wake} from any thread.
 */
final class Follower implements AutoCloseable {
    /** A happening and when it reached the bus; {@code event} null: a {@link #wake} call, nothing happened. */
    record Happening(Instant at, WatchroomEvent event) {
    }

    private final BlockingQueue<Happening> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Predicate<WatchroomEvent> wanted;
    private final AutoCloseable subscription;

    private Follower(EventBus bus, Predicate<WatchroomEvent> wanted, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.wanted = wanted;
        this.subscription = bus.subscribe(WatchroomEvent.class, this::offer);
    }

    /**
     * Starts queueing what {@code wanted} accepts; it runs on the publishing thread, so it must be cheap and must not
     * wait (no database).
     */
    static Follower follow(EventBus bus, Predicate<WatchroomEvent> wanted, int capacity) {
        return new Follower(bus, wanted, capacity);
    }

    private void offer(WatchroomEvent event) {
        if (wanted.test(event) && !queue.offer(new Happening(Instant.now(), event))) {
            dropped.incrementAndGet();
        }
    }

    /**
     * The next happening; null after {@code millis} without one. A {@link #wake} returns a happening without event.
     */
    Happening next(long millis) throws InterruptedException {
        return queue.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The next queued happening, or null at once when none waits. */
    Happening nextQueued() {
        return queue.poll();
    }

    /** Whether nothing waits: the writer has caught up. */
    boolean caughtUp() {
        return queue.isEmpty();
    }

    /** Happenings dropped since the last call. */
    long takeDropped() {
        return dropped.getAndSet(0);
    }

    /**
     * Makes a waiting {@link #next} return now. When the queue is full the writer is not waiting, and sees whatever
     * woke it before its next wait.
     */
    void wake() {
        // refused when full: then the writer is not waiting, and checks why it was woken before it waits again
        boolean _ = queue.offer(new Happening(Instant.now(), null));
    }

    /** Stops queueing: the bus forgets this follower. */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            // EventBus's subscriptions only remove themselves from a list
            LoggerFactory.getLogger(Follower.class).warn("Unsubscribing a command-line feed failed", e);
        }
    }
}
