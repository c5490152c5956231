package org.watchroom.core.store;

/**
 * The size of the detector frame an event's peak box is measured in (pixels; 1x1 when the box is already
 * normalised, as for simulated events).
 *
 * <p>Thread-safety: immutable.
 */
public record FrameSize(int width, int height) {
    public FrameSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, not " + width + "x" + height);
        }
    }
}
