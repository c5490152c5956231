package org.watchroom.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.redaction.Redaction;

/**
 * The live feed's messages as the REST API sends them: the Server-Sent Events name, the WebSocket type and the JSON
 * fields of each happening on the bus. One place for those names, so that the API's feed and
 * {@code watchroom events follow --json} say the same thing the same way. Nothing that leaves through it names a
 * file or carries a camera password (connection errors are redacted).
 *
 * <p>{@link #api} is what the API's feed carries; {@link #any} adds the happenings only the command line follows
 * (peak updates, closed clips, recording changes, camera-list changes), named and shaped in the same style.
 * Building a message allocates: callers on a per-frame path (detections) throttle first.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class FeedFormat {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One happening as the feed says it.
     *
     * @param sseType the SSE event name ({@code camera_status}, {@code event_start}, …)
     * @param wsType the WebSocket message type ({@code stream_status}, {@code inference_result}, …)
     * @param data the payload's fields, in order
     */
    public record Message(String sseType, String wsType, Map<String, Object> data) {
        public Message {
            data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        }

        /** {@link #data} as a JSON object. */
        public String dataJson() {
            return json(data);
        }
    }

    private FeedFormat() {
    }

    /** {@code value} (maps, lists, strings, numbers) as JSON. */
    public static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("feed values are maps, lists, strings and numbers", e);
        }
    }

    /** The message the API's feed sends for {@code event}; empty for happenings it does not carry. */
    public static Optional<Message> api(WatchroomEvent event) {
        return switch (event) {
            case WatchroomEvent.CameraStateChanged s -> Optional.of(any(s));
            case WatchroomEvent.DetectionsReady d -> Optional.of(any(d));
            case WatchroomEvent.EventStarted e -> Optional.of(any(e));
            case WatchroomEvent.EventEnded e -> Optional.of(any(e));
            case WatchroomEvent.StorageAlert a -> Optional.of(any(a));
            case WatchroomEvent.EventReviewed r -> Optional.of(any(r));
            // the command line's own: not (yet) part of the API's feed
            case WatchroomEvent.EventUpdated u -> Optional.empty();
            case WatchroomEvent.ClipClosed c -> Optional.empty();
            case WatchroomEvent.RecordingChanged r -> Optional.empty();
            case WatchroomEvent.CamerasChanged c -> Optional.empty();
        };
    }

    /** Every happening as a message: {@link #api}'s, and for the others one of the same style. */
    public static Message any(WatchroomEvent event) {
        return switch (event) {
            case WatchroomEvent.CameraStateChanged s -> new Message("camera_status", "stream_status", fields(
                    "camera_id", s.cameraId(),
                    "camera_name", s.cameraName(),
                    "state", s.state().label(),
                    "detail", Redaction.redact(detail(s.state()))));
            case WatchroomEvent.DetectionsReady d -> new Message("detection", "inference_result", fields(
                    "camera_id", d.result().cameraId(),
                    "camera_name", d.result().cameraName(),
                    "frame_sequence", d.result().frameSequence(),
                    "captured_at", d.result().capturedAt().toString(),
                    "frame_width", d.result().frameWidth(),
                    "frame_height", d.result().frameHeight(),
                    "detections", d.result().detections().stream().map(FeedFormat::detection).toList()));
            case WatchroomEvent.EventStarted e -> new Message("event_start", "event_start", fields(
                    "event_id", e.eventId(),
                    "camera_id", e.cameraId(),
                    "camera_name", e.cameraName(),
                    "label", e.label(),
                    "score", e.score(),
                    "at", e.at().toString(),
                    "simulated", e.simulated(),
                    "track_id", e.trackId() == 0 ? null : e.trackId(),
                    "zones", e.zones()));
            case WatchroomEvent.EventEnded e -> new Message("event_end", "event_end", fields(
                    "event_id", e.eventId(),
                    "camera_id", e.cameraId(),
                    "at", e.at().toString(),
                    "duration_s", e.duration().toMillis() / 1000.0,
                    "has_clip", e.clipPath() != null)); // a file path never leaves the server
            case WatchroomEvent.StorageAlert a -> new Message("storage", "storage", fields(
                    "state", a.state(),
                    "message", a.alert()));
            case WatchroomEvent.EventReviewed r -> new Message("event_reviewed", "event_reviewed", fields(
                    "event_id", r.eventId(),
                    "status", r.status().dbValue(),
                    "actor", r.actor()));
            case WatchroomEvent.EventUpdated u -> new Message("event_update", "event_update", fields(
                    "event_id", u.eventId(),
                    "camera_id", u.cameraId(),
                    "peak_score", u.peakScore(),
                    "label", u.label()));
            case WatchroomEvent.ClipClosed c -> new Message("clip_closed", "clip_closed", fields(
                    "clip_id", c.clipId(),
                    "camera_id", c.cameraId(),
                    "duration_s", c.duration() == null ? null : c.duration().toMillis() / 1000.0,
                    "event_ids", c.eventIds())); // its path, like every path, stays on the server
            case WatchroomEvent.RecordingChanged r -> new Message("recording_changed", "recording_changed", fields(
                    "camera_id", r.cameraId()));
            case WatchroomEvent.CamerasChanged c -> new Message("cameras_changed", "cameras_changed", fields());
        };
    }

    /** Name, value, name, value…: in that order (values may be null). */
    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            data.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return data;
    }

    /** Why a camera is not live, in words; null when there is nothing to say. Not redacted. */
    public static String detail(CameraState state) {
        return switch (state) {
            case CameraState.Reconnecting r -> r.lastError();
            case CameraState.Failed f -> f.reason();
            default -> null;
        };
    }

    private static Map<String, Object> detection(Detection d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", d.label());
        m.put("score", d.score());
        if (d.trackId() != 0) {
            m.put("track_id", d.trackId());
        }
        m.put("box", List.of(d.box().x(), d.box().y(), d.box().width(), d.box().height()));
        return m;
    }
}
