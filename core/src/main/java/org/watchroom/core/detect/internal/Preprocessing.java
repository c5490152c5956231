package org.watchroom.core.detect.internal;

/**
 * How an adapter turns a BGRA frame into its input tensor: channel order, value = pixel × scale + offset,
 * and how the frame is fitted into the input rectangle.
 *
 * <p>Thread-safety: immutable.
 */
public record Preprocessing(ChannelOrder order, float scale, float offset, Fit fit, int padValue) {

    public enum ChannelOrder { BGR, RGB }

    public enum Fit {
        /** Stretch to the input size (aspect ratio not kept). */
        STRETCH,
        /** Keep aspect ratio, image in the top-left corner, pad right/bottom (YOLOX, YuNet). */
        LETTERBOX_TOP_LEFT,
        /** Keep aspect ratio, image centred, pad both sides (Ultralytics). */
        LETTERBOX_CENTER
    }
}
