package org.watchroom.core.store;

import java.util.List;

/**
 * An event with its detections (oldest first) and the clips that cover it (oldest first).
 *
 * <p>Thread-safety: immutable.
 */
public record EventDetails(Event event, List<StoredDetection> detections, List<Clip> clips) {
    public EventDetails {
        detections = List.copyOf(detections);
        clips = List.copyOf(clips);
    }
}
