package org.watchroom.core.remote;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.control.ControlConnection;

/**
 * One client's event feed in the engine: every event on the engine's bus goes into a {@link FeedQueue} (the
 * publisher never waits for the client) that a virtual thread of its own writes to the connection as
 * {@code {"t":"event","event":{…}}}, preceded by {@code {"t":"dropped","count":N}} where events were dropped.
 *
 * <p>Thread-safety: {@link #start} once, {@link #close} from any thread.
 */
final class FeedWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedWriter.class);

    private final ControlConnection connection;
    private final FeedQueue queue;
    private final AutoCloseable subscription;
    private final Thread writer;

    private FeedWriter(EventBus bus, ControlConnection connection, int capacity) {
        this.connection = connection;
        this.queue = new FeedQueue(capacity);
        this.subscription = bus.subscribe(WatchroomEvent.class, queue::offer);
        this.writer = Thread.ofVirtual().name("remote-feed").unstarted(this::drain);
    }

    /** Starts feeding {@code bus}'s events to {@code connection}. */
    static FeedWriter start(EventBus bus, ControlConnection connection, int capacity) {
        FeedWriter feed = new FeedWriter(bus, connection, capacity);
        feed.writer.start();
        return feed;
    }

    FeedQueue queue() { return queue; }

    private void drain() {
        try {
            while (true) {
                FeedQueue.Next next = queue.take();
                if (next == null) {
                    return;
                }
                if (next.droppedBefore() > 0) {
                    connection.send(ControlConnection.frame("dropped").put("count", next.droppedBefore()));
                }
                connection.send(ControlConnection.frame("event").putRawValue("event",
                        WireJson.raw(next.event(), WatchroomEvent.class)));
            }
        } catch (IOException e) {
            LOG.debug("A feed client went away", e);
            connection.close(); // its session ends too
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    /** Stops taking events from the bus and ends the writer; what waits is not sent. */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("Leaving the event bus failed", e); // EventBus's subscription only removes itself
        }
        queue.close();
    }
}
