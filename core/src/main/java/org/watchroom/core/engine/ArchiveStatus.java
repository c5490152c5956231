package org.watchroom.core.engine;

import java.time.Instant;

/**
 * The archive mover as the engine sees it, for the status bar, metrics and the headless summary.
 *
 * <p>Thread-safety: immutable.
 *
 * @param folder     the archive folder ({@code recording.archive_dir}), or null while archiving is off
 * @param afterHours segments older than this many hours move there
 * @param moved      segments moved since start
 * @param movedBytes their bytes
 * @param failures   moves that failed since start (each logged; the original and its row stayed as they were)
 * @param problem    why the last pass failed, or null when it went well (or none ran yet)
 * @param lastPass   when the last pass ended, or null
 */
public record ArchiveStatus(String folder, long afterHours, long moved, long movedBytes, long failures, String problem,
                            Instant lastPass) {

    /** Whether an archive folder is set. */
    public boolean enabled() {
        return folder != null;
    }

    /** Whether the last pass failed. */
    public boolean failing() {
        return problem != null;
    }
}
