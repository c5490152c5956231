package org.watchroom.app.timeline;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.TimelineEvent;

/**
 * One row of the timeline: a configured camera (by id), or a camera known only by the name stored with its
 * events (demo cameras, removed cameras).
 *
 * <p>Thread-safety: immutable.
 */
public record Strip(Long cameraId, String name) {

    public boolean holds(TimelineEvent e) {
        return cameraId != null ? cameraId.equals(e.cameraId()) : e.cameraId() == null && name.equals(e.cameraName());
    }

    /** Configured cameras in their order, then cameras known only from {@code events}, by name. */
    static List<Strip> of(List<Camera> cameras, List<TimelineEvent> events) {
        Map<String, Strip> byKey = new LinkedHashMap<>();
        for (Camera c : cameras) {
            byKey.put("id:" + c.id(), new Strip(c.id(), c.name()));
        }
        events.stream().sorted(Comparator.comparing(TimelineEvent::cameraName)).forEach(e -> {
            String key = e.cameraId() != null ? "id:" + e.cameraId() : "name:" + e.cameraName();
            byKey.putIfAbsent(key, new Strip(e.cameraId(), e.cameraName()));
        });
        return List.copyOf(byKey.values());
    }
}
