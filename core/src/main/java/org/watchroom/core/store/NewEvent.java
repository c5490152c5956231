package org.watchroom.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.watchroom.core.detect.Box;

/**
 * What the event engine knows when an event starts.
 *
 * <p>Thread-safety: immutable.
 *
 * @param cameraId     configured camera id, or null for demo cameras
 * @param cameraName   display name, kept with the event
 * @param label        what was seen
 * @param startedAt    first detection
 * @param score        its score (the first peak)
 * @param box          its box, or null
 * @param snapshotPath picture, or null
 * @param frameSize    the detector frame {@code box} is measured in, or null when unknown
 * @param modelId      the detection model's id, or null (simulated events, unknown)
 * @param modelVersion the model's version ({@code sha256:<hex>} of its weights), or null
 * @param continuesEventId the event this one goes on from (it reached its maximum length), or null
 * @param trackId      the tracked object the event is about, or null (simulated)
 * @param zones        the named zones the object was in at the start (empty when none)
 */
public record NewEvent(Long cameraId, String cameraName, String label, Instant startedAt, float score, Box box,
                       String snapshotPath, FrameSize frameSize, String modelId, String modelVersion,
                       Long continuesEventId, Long trackId, List<String> zones) {

    /** An event of no tracked object. */
    public NewEvent(Long cameraId, String cameraName, String label, Instant startedAt, float score, Box box,
                    String snapshotPath, FrameSize frameSize, String modelId, String modelVersion,
                    Long continuesEventId) {
        this(cameraId, cameraName, label, startedAt, score, box, snapshotPath, frameSize, modelId, modelVersion,
                continuesEventId, null, List.of());
    }

    /** A new event (not the continuation of another). */
    public NewEvent(Long cameraId, String cameraName, String label, Instant startedAt, float score, Box box,
                    String snapshotPath, FrameSize frameSize, String modelId, String modelVersion) {
        this(cameraId, cameraName, label, startedAt, score, box, snapshotPath, frameSize, modelId, modelVersion, null);
    }

    /** An event whose model is not known (simulated, or stored by code that does not know it). */
    public NewEvent(Long cameraId, String cameraName, String label, Instant startedAt, float score, Box box,
                    String snapshotPath, FrameSize frameSize) {
        this(cameraId, cameraName, label, startedAt, score, box, snapshotPath, frameSize, null, null, null);
    }

    /** An event whose box's frame size is not known (its box cannot become a suppression region). */
    public NewEvent(Long cameraId, String cameraName, String label, Instant startedAt, float score, Box box,
                    String snapshotPath) {
        this(cameraId, cameraName, label, startedAt, score, box, snapshotPath, null, null, null, null);
    }

    public NewEvent {
        Objects.requireNonNull(cameraName, "cameraName");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(startedAt, "startedAt");
        zones = zones == null ? List.of() : List.copyOf(zones);
    }
}
