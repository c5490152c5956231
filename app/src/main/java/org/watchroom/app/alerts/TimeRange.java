package org.watchroom.app.alerts;

import java.time.Duration;
import java.time.Instant;

/**
 * Time-range filter on the start of events.
 *
 * <p>Thread-safety: immutable.
 */
public enum TimeRange {
    ANY("Any time", null), HOUR("Last hour", Duration.ofHours(1)), DAY("Last 24 h", Duration.ofDays(1)),
    WEEK("Last 7 days", Duration.ofDays(7));

    private final String text;
    private final Duration span;

    TimeRange(String text, Duration span) {
        this.text = text;
        this.span = span;
    }

    /** The earliest start shown, or null for no limit. */
    Instant from(Instant now) { return span == null ? null : now.minus(span); }

    @Override
    public String toString() { return text; }
}
