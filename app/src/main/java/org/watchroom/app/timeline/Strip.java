package org.watchroom.app.timeline;

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
}
