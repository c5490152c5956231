package org.watchroom.core.detect;

import java.time.Instant;
import java.util.List;

/**
 * What one detector pass found in one frame of one camera. Boxes and landmarks are in the pixels of the frame
 * the detector saw ({@code frameWidth x frameHeight}); divide by those to place them on any other size.
 *
 * <p>Thread-safety: immutable by convention (nobody writes the crops' arrays).
 *
 * @param faceCrops the JPEG crop of each face detection, paired with that detection (numbered in this order)
 */
public record DetectionResult(long cameraId, String cameraName, long frameSequence, Instant capturedAt,
                              int frameWidth, int frameHeight, List<Detection> detections, List<FaceCrop> faceCrops) {
    public DetectionResult {
        detections = List.copyOf(detections);
        faceCrops = List.copyOf(faceCrops);
    }
}
