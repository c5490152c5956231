package org.watchroom.core.store;

import java.time.Instant;
import java.util.List;

/**
 * The events overlapping {@code [from, to)}, oldest start first, at most {@code limit} of them.
 *
 * <p>Thread-safety: immutable.
 *
 * @param from   window start (inclusive)
 * @param to     window end (exclusive)
 * @param events the events, ordered by start then id
 * @param limit  the cap the query ran with
 * @param capped true when more events overlap the window than {@code limit}: the latest-starting ones are missing
 */
public record TimelineWindow(Instant from, Instant to, List<TimelineEvent> events, int limit, boolean capped) {
    public TimelineWindow {
        events = List.copyOf(events);
    }
}
