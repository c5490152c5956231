package org.watchroom.core.detect;

import java.util.Locale;

/**
 * The network input size in pixels. Fixed-size models dictate it; models with dynamic height/width
 * (YuNet dynamic) take it from {@link DetectorModel#inputSize()}.
 *
 * <p>Thread-safety: immutable.
 */
public record InputSize(int width, int height) {
    public InputSize {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("input size must be positive, got " + width + "x" + height);
        }
    }

    /** Parses {@code 640x480} (or a single number for a square). */
    public static InputSize parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x");
        try {
            int w = Integer.parseInt(parts[0].trim());
            int h = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : w;
            if (parts.length > 2) {
                throw new NumberFormatException();
            }
            return new InputSize(w, h);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("input size must look like 640x480, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
