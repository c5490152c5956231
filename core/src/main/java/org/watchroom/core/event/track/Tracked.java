package org.watchroom.core.event.track;

import java.util.List;
import org.watchroom.core.detect.DetectionResult;

/**
 * One detector pass after tracking.
 *
 * <p>Thread-safety: immutable.
 *
 * @param result  the pass with each detection numbered by its track and named by the track's label; boxes of
 *                different labels on one object are merged into one
 * @param objects every live track, seen in this pass or not
 */
public record Tracked(DetectionResult result, List<TrackedObject> objects) {
    public Tracked {
        objects = List.copyOf(objects);
    }
}
