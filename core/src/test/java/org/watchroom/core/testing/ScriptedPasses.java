package org.watchroom.core.testing;

import java.time.Instant;
import java.util.List;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.detect.DetectionResult;

/**
 * Scripted detector passes for tests of tracking and event rules: boxes on a 1000×1000 frame (so pixels / 1000 =
 * normalised), times in seconds from {@link #T0}; no video.
 *
 * <p>Thread-safety: not thread-safe (numbers its passes); one per test.
 */
public final class ScriptedPasses {
    public static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    private final long cameraId;
    private long sequence;

    public ScriptedPasses(long cameraId) {
        this.cameraId = cameraId;
    }

    /** {@code seconds} after {@link #T0}, to the millisecond. */
    public static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    /** A detection with its box given normalised, as x, y, width, height. */
    public static Detection det(String label, double score, double x, double y, double w, double h) {
        return new Detection(label, 0, (float) score,
                new Box((float) (x * 1000), (float) (y * 1000), (float) (w * 1000), (float) (h * 1000)), null);
    }

    /** The next pass, at {@code seconds}, with these detections. */
    public DetectionResult result(double seconds, Detection... detections) {
        return new DetectionResult(cameraId, "yard", sequence++, at(seconds), 1000, 1000, List.of(detections),
                List.of());
    }
}
