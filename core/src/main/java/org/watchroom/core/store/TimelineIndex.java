package org.watchroom.core.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The timeline's read-only queries: a port, so that the workstation can run them in its own process
 * ({@link EventTimeline}) or in a separate engine (a remote implementation). Methods take and return only values that
 * serialize as JSON (records, enums, strings, numbers, times, dates, zones).
 *
 * <p>Thread-safety: implementations are safe from any thread; call them off the JavaFX thread (they do I/O).
 */
public interface TimelineIndex {
    /** The limit of a window when the caller names none. */
    int DEFAULT_LIMIT = 5_000;

    /** The events overlapping [{@code from}, {@code to}), at most {@code limit} (see {@link EventTimeline}). */
    TimelineWindow overlapping(Instant from, Instant to, int limit);

    /** Detections per hour per camera of {@code day} in {@code zone}. */
    HourlyDetections hourly(LocalDate day, ZoneId zone);
}
