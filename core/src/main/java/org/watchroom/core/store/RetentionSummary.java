package org.watchroom.core.store;

import java.util.List;

/**
 * What one retention run did.
 *
 * <p>Thread-safety: immutable.
 *
 * @param clipsDeleted    clip rows deleted (with their files)
 * @param bytesFreed      bytes of those clips as recorded
 * @param eventsDeleted   event rows deleted (with their detections and picture files)
 * @param filesMissing    files that were already gone when their row was deleted
 * @param clipsKeptForHold old or over-quota clips kept because an event they cover is held
 * @param failures        files that could not be deleted (their rows are kept, to try again), in plain words
 * @param bytesAfter      bytes of closed clips left
 */
public record RetentionSummary(int clipsDeleted, long bytesFreed, int eventsDeleted, int filesMissing,
                               int clipsKeptForHold, List<String> failures, long bytesAfter) {
    public RetentionSummary {
        failures = List.copyOf(failures);
    }
}
