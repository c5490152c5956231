package org.watchroom.core.evidence;

import java.time.Instant;
import java.util.List;

/**
 * A time range of one or more cameras' recordings to export as evidence: one MP4 per camera cut by stream copy,
 * with the segments' hashes and chain.
 *
 * <p>Thread-safety: immutable.
 *
 * @param cameraIds    the cameras, in the order given (duplicates dropped)
 * @param from         start (the cut begins at the keyframe at or before it)
 * @param to           end, exclusive
 * @param segmentFiles also copy the recorded segment files the cuts come from, byte for byte, so that a receiver can
 *                     check them against the hash chain without the workstation
 */
public record RangeRequest(List<Long> cameraIds, Instant from, Instant to, boolean segmentFiles) {
    public RangeRequest {
        if (cameraIds == null || cameraIds.isEmpty()) {
            throw new EvidenceException("Choose at least one camera to export.");
        }
        cameraIds = cameraIds.stream().distinct().toList();
        if (from == null || to == null || !to.isAfter(from)) {
            throw new EvidenceException("The end of the range must be after its start.");
        }
    }
}
