package org.watchroom.core.bus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.store.EventStatus;

/**
 * Everything that travels on the {@link EventBus}: camera states, detections, events and their reviews, clips,
 * recordings, storage alerts and changes to the set of cameras.
 *
 * <p>Thread-safety: every member is an immutable record.
 */
public sealed interface WatchroomEvent {

    /** A camera's connection changed state (published on the ingest or watchdog thread). */
    record CameraStateChanged(long cameraId, String cameraName, CameraState state) implements WatchroomEvent {
    }

    /** A detector pass finished on a camera (published on that camera's detect thread). */
    record DetectionsReady(DetectionResult result) implements WatchroomEvent {
    }

    /**
     * An event began and has its database id (published on the event writer thread).
     *
     * @param trackId the tracked object it is about, 0 for none (simulated)
     * @param zones   the named zones the object was in, empty when none
     */
    record EventStarted(long eventId, long cameraId, String cameraName, String label, float score,
                        Instant at, boolean simulated, long trackId, List<String> zones) implements WatchroomEvent {

        public EventStarted {
            zones = List.copyOf(zones);
        }

        /** An event of no tracked object and no zone. */
        public EventStarted(long eventId, long cameraId, String cameraName, String label, float score, Instant at,
                            boolean simulated) {
            this(eventId, cameraId, cameraName, label, score, at, simulated, 0, List.of());
        }
    }

    /**
     * An event's peak score rose, or its object's vote gave it another label.
     *
     * @param label the event's label now
     */
    record EventUpdated(long eventId, long cameraId, float peakScore, Box peakBox, String label)
            implements WatchroomEvent {
    }

    /**
     * An event ended. {@code clipPath} is the clip that covers it (still being written for the post-roll), or
     * null when nothing was recorded.
     */
    record EventEnded(long eventId, long cameraId, Instant at, Duration duration, String clipPath)
            implements WatchroomEvent {
    }

    /**
     * An operator confirmed, dismissed or reopened (undo) an event; {@code status} is its review state now.
     * Published by the engine's {@code Reviews} after the change and its audit row committed, on the caller's thread.
     */
    record EventReviewed(long eventId, EventStatus status, String actor)
            implements WatchroomEvent {
    }

    /** A clip file was finished (post-roll included). */
    record ClipClosed(long clipId, long cameraId, String path, Duration duration, List<Long> eventIds)
            implements WatchroomEvent {
    }

    /**
     * A camera's continuous recording changed: a segment was opened, closed or deleted, or a gap began or ended
     * (published on the event writer thread once the rows are written). Timelines re-read the camera's coverage.
     */
    record RecordingChanged(long cameraId) implements WatchroomEvent {
    }

    /**
     * The storage changed: {@code state} is {@code ok}, {@code recording_paused} (too little free space for clips) or
     * {@code failing} (the database cannot write; events wait in memory); {@code alert} says it in words, null when ok.
     */
    record StorageAlert(String state, String alert) implements WatchroomEvent {
    }

    /** The set of configured cameras changed (added, edited, removed, enabled, disabled). */
    record CamerasChanged() implements WatchroomEvent {
    }
}
