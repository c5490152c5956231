package org.watchroom.core.remote;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.ArrayDeque;
import org.watchroom.core.bus.WatchroomEvent;

/**
 * The events waiting to be written to one feed client, at most {@code capacity} of them. {@link #offer} never waits
 * for the client: when the queue is full it drops the oldest {@link WatchroomEvent.DetectionsReady} (the next pass
 * replaces it) or, when none waits, the oldest event of any kind, and counts it; {@link #take} hands the count to
 * the writer with the next event, so the client learns it missed some and re-reads what it shows.
 *
 * <p>Two queues in publishing order, detections apart, so that dropping the oldest detection costs no search.
 *
 * <p>Thread-safety: {@link #offer} and {@link #close} from any thread; {@link #take} from the one writer thread.
 */
final class FeedQueue {
    /** The next event to write, and how many were dropped since the last one taken. */
    record Next(WatchroomEvent event, long droppedBefore) { }

    private record Queued(long sequence, WatchroomEvent event) { }

    private final int capacity;
    @GuardedBy("this")
    private final ArrayDeque<Queued> detections = new ArrayDeque<>();
    @GuardedBy("this")
    private final ArrayDeque<Queued> others = new ArrayDeque<>();
    @GuardedBy("this")
    private long sequence;
    @GuardedBy("this")
    private long droppedSinceTaken;
    @GuardedBy("this")
    private long droppedTotal;
    @GuardedBy("this")
    private boolean closed;

    FeedQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a feed queue holds at least one event, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** Queues {@code event}, dropping the oldest detection (or else the oldest event) when full. */
    synchronized void offer(WatchroomEvent event) {
        if (closed) {
            return;
        }
        if (detections.size() + others.size() >= capacity) {
            if (!detections.isEmpty()) {
                detections.pollFirst();
            } else {
                others.pollFirst();
            }
            droppedSinceTaken++;
            droppedTotal++;
        }
        Queued queued = new Queued(sequence++, event);
        if (event instanceof WatchroomEvent.DetectionsReady) {
            detections.addLast(queued);
        } else {
            others.addLast(queued);
        }
        notifyAll();
    }

    /** The oldest queued event, waiting for one; null once closed. */
    synchronized Next take() throws InterruptedException {
        while (!closed && detections.isEmpty() && others.isEmpty()) {
            wait();
        }
        if (closed) {
            return null;
        }
        Queued d = detections.peekFirst();
        Queued o = others.peekFirst();
        Queued next = o == null || (d != null && d.sequence() < o.sequence()) ? detections.pollFirst() : others.pollFirst();
        long dropped = droppedSinceTaken;
        droppedSinceTaken = 0;
        return new Next(next.event(), dropped);
    }

    /** Every event dropped so far. */
    synchronized long dropped() {
        return droppedTotal;
    }

    synchronized int size() {
        return detections.size() + others.size();
    }

    /** Drops what waits and wakes the writer, whose {@link #take} then returns null. */
    synchronized void close() {
        closed = true;
        detections.clear();
        others.clear();
        notifyAll();
    }
}
