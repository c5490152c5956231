package org.watchroom.core.detect;

/**
 * A face detection with the JPEG cut around it, so that the picture travels with the very detection it shows.
 *
 * <p>Thread-safety: immutable by convention (the JPEG array is never written after construction).
 *
 * @param face the face detection, the same object as in {@link DetectionResult#detections()}
 * @param jpeg the crop, or empty when none was made (more faces than crops allowed per pass)
 */
public record FaceCrop(Detection face, byte[] jpeg) {
}
