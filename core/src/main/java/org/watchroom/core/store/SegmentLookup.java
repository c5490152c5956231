package org.watchroom.core.store;

import java.time.Instant;
import java.util.List;

/**
 * The index of continuous recording as the workstation's timeline reads it: a port, so that the workstation can read
 * it in its own process ({@link SegmentStore}) or from a separate engine (a remote implementation). Methods take and
 * return only values that serialize as JSON (records, numbers, times, List of those).
 *
 * <p>Thread-safety: implementations are safe from any thread; call them off the JavaFX thread (they do I/O).
 */
public interface SegmentLookup {

    /** Camera {@code cameraId}'s segments that hold any moment of [{@code from}, {@code to}), oldest first (open ones included). */
    List<Segment> list(long cameraId, Instant from, Instant to);

    /** Camera {@code cameraId}'s segments that hold {@code at} or start after it, oldest first, at most {@code limit}. */
    List<Segment> after(long cameraId, Instant at, int limit);

    /** Camera {@code cameraId}'s segments that start before {@code at}, newest first, at most {@code limit}. */
    List<Segment> before(long cameraId, Instant at, int limit);
}
