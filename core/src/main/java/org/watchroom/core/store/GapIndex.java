package org.watchroom.core.store;

import java.time.Instant;
import java.util.List;

/**
 * Why recordings have holes, as the workstation's timeline reads it: a port, so that the workstation can read it in
 * its own process ({@link GapStore}) or from a separate engine (a remote implementation). Methods take and return
 * only values that serialize as JSON (records, enums, numbers, times, List of those).
 *
 * <p>Thread-safety: implementations are safe from any thread; call them off the JavaFX thread (they do I/O).
 */
public interface GapIndex {

    /** Camera {@code cameraId}'s gaps overlapping [{@code from}, {@code to}), oldest first. */
    List<RecordingGap> list(long cameraId, Instant from, Instant to);
}
