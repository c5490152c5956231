package org.watchroom.app.alerts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventStatus;

/**
 * Reviews sent to the store and not answered yet, with the status each asked for: a reload that started before the
 * answer must not bring a reviewed alert back, and a second key press must not review it twice.
 *
 * <p>Thread-safety: FX thread only.
 */
final class InFlightReviews {
    private final Map<Long, EventStatus> targets = new HashMap<>();

    void add(List<Event> reviewed, EventStatus status) {
        reviewed.forEach(e -> targets.put(e.id(), status));
    }

    void remove(List<Event> answered) {
        answered.forEach(e -> targets.remove(e.id()));
    }

    boolean contains(long id) {
        return targets.containsKey(id);
    }

    /** The status event {@code id} is being reviewed to, or null when it is not in flight. */
    EventStatus target(long id) {
        return targets.get(id);
    }
}
