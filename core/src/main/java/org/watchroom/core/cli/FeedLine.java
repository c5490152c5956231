package org.watchroom.core.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.watchroom.core.api.FeedFormat;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.redaction.Redaction;
import org.watchroom.core.store.EventStatus;

/**
 * How {@code watchroom events follow} says one happening: for people, the local time and what happened on which
 * camera ({@code 2026-12-07 07:01:02  Door: event 12 person started (0.91)}); for scripts, one JSON object
 * {@code {"event": NAME, "data": {…}}} whose name and fields are the REST API's Server-Sent Events ones
 * ({@link FeedFormat}). Neither ever carries a camera password.
 *
 * <p>Thread-safety: immutable; {@link Names} is called on the caller's thread.
 */
final class FeedLine {
    /** Camera names for happenings that carry only ids; may read the database (it runs on the writer's thread). */
    interface Names {
        /** The camera's name, or null when it is not (or no longer) configured. */
        String camera(long cameraId);

        /** The name of the camera an event was on, or null when unknown. */
        String cameraOfEvent(long eventId);
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private final ZoneId zone;
    private final Names names;

    FeedLine(ZoneId zone, Names names) {
        this.zone = zone;
        this.names = names;
    }

    /** The JSON line: the SSE event name and its data. */
    static String json(WatchroomEvent event) {
        FeedFormat.Message message = FeedFormat.any(event);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", message.sseType());
        line.put("data", message.data());
        return FeedFormat.json(line);
    }

    /** The JSON line saying that {@code count} happenings were dropped. */
    static String droppedJson(long count) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "dropped");
        line.put("data", Map.of("count", count));
        return FeedFormat.json(line);
    }

    /** The line for people: when it reached the engine, then what happened. */
    String human(Instant at, WatchroomEvent event) {
        // one line whatever a name or an FFmpeg error holds
        return TIME.format(at.atZone(zone)) + "  " + Redaction.redact(what(event)).replaceAll("[\\r\\n]+", " ");
    }

    private String what(WatchroomEvent event) {
        return switch (event) {
            case WatchroomEvent.CameraStateChanged s -> {
                String detail = FeedFormat.detail(s.state());
                yield "camera " + s.cameraName() + ": " + s.state().label() + (detail == null ? "" : " (" + detail + ")");
            }
            case WatchroomEvent.DetectionsReady d -> d.result().cameraName() + ": "
                    + (d.result().detections().isEmpty() ? "nothing detected" : d.result().detections().stream()
                    .map(FeedLine::detection).collect(Collectors.joining(", ")));
            case WatchroomEvent.EventStarted e -> e.cameraName() + ": event " + e.eventId() + " " + e.label()
                    + (e.trackId() == 0 ? "" : " #" + e.trackId())
                    + (e.zones().isEmpty() ? "" : " in " + String.join(", ", e.zones()))
                    + " started (" + score(e.score()) + ")" + (e.simulated() ? ", simulated" : "");
            case WatchroomEvent.EventUpdated u -> camera(u.cameraId()) + ": event " + u.eventId() + " " + u.label()
                    + " peak " + score(u.peakScore());
            case WatchroomEvent.EventEnded e -> camera(e.cameraId()) + ": event " + e.eventId() + " ended after "
                    + seconds(e.duration().toMillis()) + (e.clipPath() == null ? ", nothing recorded" : "");
            case WatchroomEvent.EventReviewed r -> {
                String camera = names.cameraOfEvent(r.eventId());
                yield (camera == null ? "" : camera + ": ") + "event " + r.eventId() + " " + reviewed(r.status())
                        + " by " + r.actor();
            }
            case WatchroomEvent.ClipClosed c -> camera(c.cameraId()) + ": clip " + c.clipId() + " closed"
                    + (c.duration() == null ? "" : " (" + seconds(c.duration().toMillis()) + ")")
                    + (c.eventIds().isEmpty() ? "" : " for event" + (c.eventIds().size() == 1 ? " " : "s ")
                    + c.eventIds().stream().map(String::valueOf).collect(Collectors.joining(", ")));
            case WatchroomEvent.RecordingChanged r -> camera(r.cameraId()) + ": recording changed (a segment or a gap)";
            case WatchroomEvent.StorageAlert a -> "storage: " + a.state() + (a.alert() == null ? "" : " — " + a.alert());
            case WatchroomEvent.CamerasChanged c -> "cameras changed (added, edited, removed, enabled or disabled)";
        };
    }

    private String camera(long cameraId) {
        String name = names.camera(cameraId);
        return name == null ? "camera " + cameraId : name;
    }

    private static String reviewed(EventStatus status) {
        return switch (status) {
            case CONFIRMED -> "confirmed";
            case DISMISSED -> "dismissed";
            case PENDING -> "reopened";
        };
    }

    private static String detection(Detection d) {
        return d.label() + (d.trackId() == 0 ? "" : " #" + d.trackId()) + " " + score(d.score());
    }

    private static String score(float score) {
        return String.format(Locale.ROOT, "%.2f", score);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
