package org.watchroom.core.store;

import java.time.Instant;

/**
 * One event as the timeline draws it: just enough to place, colour and open it.
 *
 * <p>Thread-safety: immutable.
 *
 * @param id         database id
 * @param cameraId   the camera's id, or null (demo camera, or a camera since removed)
 * @param cameraName the camera's name when the event started
 * @param label      what was seen
 * @param startedAt  first detection
 * @param endedAt    when it ended, or null while it is still going on
 * @param status     review state
 * @param peakScore  best score
 */
public record TimelineEvent(long id, Long cameraId, String cameraName, String label, Instant startedAt,
                            Instant endedAt, EventStatus status, float peakScore) {

    public boolean ongoing() {
        return endedAt == null;
    }
}
