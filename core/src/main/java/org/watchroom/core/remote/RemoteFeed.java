package org.watchroom.core.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.control.ControlConnection;
import org.watchroom.core.control.EngineDescriptor;

/**
 * The engine's {@link EventBus}, followed from another process: every event the engine publishes is published
 * again, as the same record, on this feed's own {@link #bus()}, so view models subscribe as they would in the
 * engine. It has a connection of its own, so a burst of events never delays the answers of {@link RemotePorts}.
 *
 * <p>The engine queues at most {@link RemoteService#FEED_CAPACITY} events for a slow client and then drops the
 * oldest detections first; this side hears how many as {@link FeedSignal.Dropped}. Events are published on the
 * feed's reader thread, like the engine's on theirs: subscribers hand UI work to their executor. Reconnecting is
 * the caller's: after {@link FeedSignal.Lost}, connect a new feed on the same bus ({@link AttachedEngine} does).
 *
 * <p>Thread-safety: safe from any thread; signals and events arrive on the reader thread.
 */
public final class RemoteFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteFeed.class);
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(10);

    private final Link link;
    private final EventBus bus;
    private final Consumer<? super FeedSignal> signals;
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private volatile boolean connected = true;

    private RemoteFeed(Link link, Consumer<? super FeedSignal> signals, EventBus bus) {
        this.link = link;
        this.bus = bus;
        this.signals = signals;
    }

    /**
     * Attaches to the engine running for {@code dataDir} and subscribes to its events; returns once they flow.
     *
     * @param signals hears {@link FeedSignal}s, on the reader thread
     * @throws EngineGoneException when no engine runs there, it refused, or it did not start the feed
     */
    public static RemoteFeed connect(Path dataDir, Consumer<? super FeedSignal> signals) {
        return connect(dataDir, signals, new EventBus());
    }

    /**
     * {@link #connect(Path, Consumer)}, publishing on {@code bus}: a client that reconnects after a restart of the
     * engine keeps its subscribers.
     */
    public static RemoteFeed connect(Path dataDir, Consumer<? super FeedSignal> signals, EventBus bus) {
        RemoteFeed feed = new RemoteFeed(Link.attach(dataDir), signals, bus);
        feed.link.start(new Link.Listener() {
            @Override
            public void frame(ObjectNode frame) {
                feed.received(frame);
            }

            @Override
            public void lost(EngineGoneException why) {
                feed.lost(why);
            }
        }, "remote-feed-reader");
        try {
            feed.link.send(ControlConnection.frame("subscribe"));
            feed.subscribed.get(SUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return feed;
        } catch (ExecutionException e) {
            throw new EngineGoneException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            feed.close();
            throw new EngineGoneException(feed.link.engineName() + " did not start the event feed within "
                    + SUBSCRIBE_TIMEOUT.toSeconds() + " s.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            feed.close();
            throw new EngineGoneException("Interrupted while subscribing to the engine's events.");
        } catch (EngineGoneException e) {
            feed.close();
            throw e;
        }
    }

    /** Where the engine's events are published again. */
    public EventBus bus() { return bus; }

    /** Whether events still arrive (false once the engine went away or this was closed). */
    public boolean connected() { return connected; }

    /** Hangs up; {@link FeedSignal.Lost} follows, with {@code closedHere}. */
    @Override
    public void close() {
        link.close();
    }

    private void received(ObjectNode frame) {
        switch (frame.path("t").asText()) {
            case "event" -> {
                WatchroomEvent event;
                try {
                    event = (WatchroomEvent) WireJson.read(frame.get("event"), WatchroomEvent.class);
                } catch (IOException | RuntimeException e) {
                    LOG.debug("An event from the engine could not be read (another version?)", e);
                    signal(new FeedSignal.Dropped(1)); // missed all the same: the client re-reads
                    return;
                }
                bus.publish(event);
            }
            case "dropped" -> signal(new FeedSignal.Dropped(frame.path("count").asLong()));
            case "subscribed" -> {
                EngineDescriptor engine = link.connection().engine().orElseThrow();
                signal(new FeedSignal.Connected(engine)); // before connect() returns: the signal comes first
                subscribed.complete(null);
            }
            default -> {
                // a newer engine's frame this client does not know: skip it
            }
        }
    }

    private void lost(EngineGoneException why) {
        connected = false;
        subscribed.completeExceptionally(why);
        signal(new FeedSignal.Lost(why.getMessage(), link.closedHere()));
    }

    private void signal(FeedSignal signal) {
        try {
            signals.accept(signal);
        } catch (RuntimeException e) {
            LOG.warn("A feed listener failed on {}", signal, e);
        }
    }
}
