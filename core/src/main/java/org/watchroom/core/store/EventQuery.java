package org.watchroom.core.store;

import java.time.Instant;

/**
 * A filter and page over events, newest first. Null fields do not filter.
 *
 * <p>Thread-safety: immutable.
 *
 * @param cameraId only this camera
 * @param status   only this review state
 * @param label    only this label
 * @param from     started at or after
 * @param to       started before
 * @param noteContains only events whose reviewer's note contains this text (any case)
 * @param limit    at most this many (1..10000)
 * @param offset   skip this many, for paging
 */
public record EventQuery(Long cameraId, EventStatus status, String label, Instant from, Instant to, String noteContains,
                         int limit, int offset) {
    public static final int DEFAULT_LIMIT = 100;

    public EventQuery {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000, not " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }

    /** All events, first page. */
    public static EventQuery all() {
        return new EventQuery(null, null, null, null, null, null, DEFAULT_LIMIT, 0);
    }

    public EventQuery camera(Long id) { return new EventQuery(id, status, label, from, to, noteContains, limit, offset); }

    public EventQuery status(EventStatus s) { return new EventQuery(cameraId, s, label, from, to, noteContains, limit, offset); }

    public EventQuery label(String l) { return new EventQuery(cameraId, status, l, from, to, noteContains, limit, offset); }

    public EventQuery between(Instant f, Instant t) { return new EventQuery(cameraId, status, label, f, t, noteContains, limit, offset); }

    /** Only events whose note contains {@code text}, ignoring case; null or blank does not filter. */
    public EventQuery noteContains(String text) {
        return new EventQuery(cameraId, status, label, from, to, text == null || text.isBlank() ? null : text.strip(),
                limit, offset);
    }

    public EventQuery page(int newLimit, int newOffset) {
        return new EventQuery(cameraId, status, label, from, to, noteContains, newLimit, newOffset);
    }
}
