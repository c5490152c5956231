package org.watchroom.core.tiering;

import org.watchroom.core.store.Segment;

/**
 * How moving one segment ended, and the sentences that describe a failure to the operator.
 *
 * <p>Thread-safety: immutable values.
 */
sealed interface MoveOutcome {
    record Moved(long bytes) implements MoveOutcome { }

    /** The row went (retention) or changed meanwhile: nothing to do, nothing wrong. */
    record Gone() implements MoveOutcome { }

    /** This segment cannot move now; others may. */
    record SegmentFailed(String problem, Throwable cause) implements MoveOutcome { }

    /** The archive cannot take anything now. */
    record ArchiveFailed(String problem, Throwable cause) implements MoveOutcome { }

    /** The row step was not taken or not done in time (the database is busy or failing). */
    record RowsBusy(String problem) implements MoveOutcome { }

    static MoveOutcome segmentFailed(Segment s, String what, Throwable cause) {
        return new SegmentFailed(describe(s, what, cause), cause);
    }

    static MoveOutcome archiveFailed(Segment s, String what, Throwable cause) {
        return new ArchiveFailed(describe(s, what, cause), cause);
    }

    private static String describe(Segment s, String what, Throwable cause) {
        return "Segment " + s.id() + " of '" + s.cameraName() + "' from " + s.startedAt() + " was not archived: " + what
                + (cause == null ? "" : " (" + cause + ")");
    }
}
