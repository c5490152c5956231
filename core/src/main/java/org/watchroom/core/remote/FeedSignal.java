package org.watchroom.core.remote;

import org.watchroom.core.control.EngineDescriptor;

/**
 * What a {@link RemoteFeed} says about itself besides the events: connected, events missed, connection lost. The
 * workstation shows "recorder restarting" on {@link Lost} and re-reads what it shows on {@link Connected} and
 * {@link Dropped}.
 *
 * <p>Thread-safety: immutable records.
 */
public sealed interface FeedSignal {
    /** Subscribed: every event the engine publishes from now on arrives (or is counted as dropped). */
    record Connected(EngineDescriptor engine) implements FeedSignal { }

    /** The engine dropped {@code count} events this client was too slow to take; what it shows may be stale. */
    record Dropped(long count) implements FeedSignal { }

    /**
     * The connection ended; no more events arrive.
     *
     * @param reason in words, for the log
     * @param closedHere whether this side closed it (not a lost engine)
     */
    record Lost(String reason, boolean closedHere) implements FeedSignal { }
}
