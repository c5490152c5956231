package org.watchroom.core.tiering;

import java.util.List;
import java.util.Set;

/**
 * What one pass of the {@link SegmentMover} did.
 *
 * <p>Thread-safety: immutable.
 *
 * @param moved             segments whose verified copy in the archive folder is now their file (row updated)
 * @param bytes             their bytes
 * @param failures          moves that failed (the original and its row left as they were), each also logged
 * @param problems          those failures in words, in order
 * @param archiveProblem    why the pass stopped early because of the archive folder (not mounted, full, not
 *                          writable, returning other bytes than written), or null when it did not
 * @param originalsDeleted  originals deleted in this pass (their grace period over), including leftovers of an
 *                          earlier run
 * @param originalsWaiting  originals of moved segments still kept for readers that listed them before the move
 * @param cameras           cameras whose segments moved (null for removed cameras is left out)
 */
public record MoveSummary(int moved, long bytes, int failures, List<String> problems, String archiveProblem,
                          int originalsDeleted, int originalsWaiting, Set<Long> cameras) {
    public MoveSummary {
        problems = List.copyOf(problems);
        cameras = Set.copyOf(cameras);
    }
}
