package org.watchroom.core.event.track;

import java.time.Instant;
import org.watchroom.core.event.Region;

/**
 * One object followed across detector passes, as it stands after a pass.
 *
 * <p>Thread-safety: immutable.
 *
 * @param id         the track's number on this camera (from 1, in order of appearance in this run of the engine)
 * @param label      the vote of its detections: the label with the greatest sum of scores
 * @param score      the score of this pass's detection (0 when it was not seen in this pass)
 * @param box        where it was seen last (normalised)
 * @param seen       a detection of this pass belongs to it
 * @param stationary it has stayed put for the label's {@code stationary_s} (or is a remembered stationary object)
 * @param stillSince since when it has stayed where it is
 * @param moved      it has moved from where it was first seen (both edges of its box the same way, or grown or
 *                   shrunk in both directions), not merely changed shape as things passed in front of it
 */
public record TrackedObject(long id, String label, float score, Region box, boolean seen, boolean stationary,
                            Instant stillSince, boolean moved) {
}
