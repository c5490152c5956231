package org.watchroom.core.store;

import java.util.List;
import java.util.Optional;

/**
 * The stored events as the workstation reads them (reviews go through {@code ReviewDesk}): a port, so that the
 * workstation can read them in its own process ({@link EventStore}) or from a separate engine (a remote
 * implementation). Methods take and return only values that serialize as JSON (records, enums, strings, numbers,
 * times, Optional/List of those).
 *
 * <p>Thread-safety: implementations are safe from any thread; call them off the JavaFX thread (they do I/O).
 */
public interface EventCatalog {

    Optional<Event> find(long id);

    /** The event with its detections and clips. */
    Optional<EventDetails> details(long id);

    /** Events matching the query, newest first. */
    List<Event> list(EventQuery q);

    /** How many events match the query's filters (paging ignored). */
    long count(EventQuery q);

    /** The detector frame the event's peak box is measured in; empty for events stored without it. */
    Optional<FrameSize> frameSize(long id);
}
