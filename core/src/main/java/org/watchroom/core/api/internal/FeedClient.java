package org.watchroom.core.api.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One SSE or WebSocket listener's queue. The bus thread only ever {@link #offer offers}: when the client is
 * slower than the feed and its {@value #CAPACITY} messages are waiting, the new message is dropped for that
 * client and counted (the client sees the gap in the ids and can reconnect with {@code Last-Event-ID}).
 *
 * <p>Thread-safety: offer from any thread; take from the one thread that writes to the client.
 */
public final class FeedClient implements AutoCloseable {
    static final int CAPACITY = 256;
    private final BlockingQueue<FeedMessage> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final LiveFeed feed;

    FeedClient(LiveFeed feed) {
        this.feed = feed;
    }

    /** False (and counted) when the queue is full. */
    boolean offer(FeedMessage message) {
        if (queue.offer(message)) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    /** The next message, or null after {@code millis} without one. */
    public FeedMessage poll(long millis) throws InterruptedException {
        return queue.poll(millis, TimeUnit.MILLISECONDS);
    }

    public long dropped() { return dropped.get(); }

    @Override
    public void close() {
        feed.remove(this);
    }
}
