package org.watchroom.core.engine;

import java.util.Locale;
import java.util.Objects;
import org.watchroom.core.event.Region;

/**
 * One suppression region of a camera: detections of {@code label} whose centre lies in {@code region} never
 * count towards events there.
 *
 * <p>Thread-safety: immutable.
 */
public record Suppression(long cameraId, String label, Region region) {
    public Suppression {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(region, "region");
    }

    /** {@code person at x 10.0% y 60.0%, 20.0% x 15.0%}: for audit rows and lists. */
    public String describe() {
        return label + " at " + percent(region);
    }

    /** A region as percentages of the frame: {@code x 10.0% y 60.0%, 20.0% x 15.0%}. */
    public static String percent(Region r) {
        return String.format(Locale.ROOT, "x %.1f%% y %.1f%%, %.1f%% x %.1f%%", r.x() * 100, r.y() * 100,
                r.width() * 100, r.height() * 100);
    }
}
