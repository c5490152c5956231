package org.watchroom.core.store;

import java.time.Instant;
import java.util.Objects;
import org.watchroom.core.detect.Detection;

/**
 * A detection to save with an event: when, what, and where its crop was written (or null).
 *
 * <p>Thread-safety: immutable by convention, like {@link Detection}.
 */
public record NewDetection(Instant ts, Detection detection, String cropPath) {
    public NewDetection {
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(detection, "detection");
    }
}
