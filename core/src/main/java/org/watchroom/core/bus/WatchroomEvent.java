package org.watchroom.core.bus;

import org.watchroom.core.camera.CameraState;

/** Everything that travels on the {@link EventBus}. Later issues add detections and events. */
public sealed interface WatchroomEvent {

    /** A camera's connection changed state (published on the ingest or watchdog thread). */
    record CameraStateChanged(long cameraId, String cameraName, CameraState state) implements WatchroomEvent {
    }

    /** A detector pass finished on a camera (published on that camera's detect thread). */
    record DetectionsReady(org.watchroom.core.detect.DetectionResult result) implements WatchroomEvent {
    }

    /** The set of configured cameras changed (added, edited, removed, enabled, disabled). */
    record CamerasChanged() implements WatchroomEvent {
    }
}
