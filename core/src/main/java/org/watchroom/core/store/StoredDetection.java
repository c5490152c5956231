package org.watchroom.core.store;

import java.time.Instant;
import org.watchroom.core.detect.Box;

/**
 * A detection saved with its event.
 *
 * <p>Thread-safety: immutable by convention (the landmark array is never written).
 *
 * @param landmarks 10 floats for face models with landmarks, else null; see {@link org.watchroom.core.detect.Detection}
 * @param cropPath  saved crop picture, or null
 * @param trackId   the tracked object it belongs to, or null (untracked, or saved before tracking)
 */
public record StoredDetection(long id, long eventId, Instant ts, String label, float score, Box box, float[] landmarks,
                              String cropPath, Long trackId) {
}
