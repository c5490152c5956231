package org.watchroom.core.api.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.watchroom.core.detect.DetectConfig;
import org.watchroom.core.engine.LiveCamera;
import org.watchroom.core.event.EventRuleConfig;
import org.watchroom.core.record.RecordingPolicy;
import org.watchroom.core.store.Camera;

/**
 * The camera resource's JSON shapes. Output never carries a password: URLs are redacted and only whether a
 * password is stored is said.
 *
 * <p>Thread-safety: immutable records and stateless functions.
 */
public final class CameraJson {
    private CameraJson() {
    }

    /** A camera as returned. */
    public record View(long id, String name, String url, String subUrl, String username, boolean hasPassword,
                       String rtspTransport, boolean enabled, String location, String notes, JsonNode detectSettings,
                       JsonNode eventRules, Recording recording, boolean running, String state, String createdAt,
                       String updatedAt) {
    }

    /**
     * How a camera is recorded ({@code record.RecordingPolicy}): mode continuous|motion|events|off, keep_days and
     * keep_size (null: no per-camera limit), segment_s.
     */
    public record Recording(String mode, Integer keepDays, String keepSize, int segmentS) {
        static Recording of(RecordingPolicy p) {
            return new Recording(p.mode().json(), p.keepDays(), p.keepSize(), p.segmentSeconds());
        }
    }

    /**
     * A camera as sent by POST (create) and PUT (replace). {@code url} may carry {@code user:password@}; the
     * credentials are stored apart. On PUT, a URL without credentials keeps the stored ones, and absent
     * {@code detect_settings}/{@code event_rules}/{@code recording} keep theirs. A {@code recording} object may
     * name only some fields: the others take their defaults (continuous, no per-camera limit, 60 s segments).
     */
    public record Input(String name, String url, String subUrl, String location, String notes, Boolean enabled,
                        String rtspTransport, JsonNode detectSettings, JsonNode eventRules, JsonNode recording) {
    }

    public static View view(Camera c, LiveCamera live) {
        return new View(c.id(), c.name(), c.mainUrl().redacted(), c.subUrl() == null ? null : c.displayUrl().redacted(),
                c.username(), c.password() != null && !c.password().isEmpty(), c.rtspTransport(), c.enabled(),
                c.location(), c.notes(), tree(c.detectSettings()), tree(c.eventRules()), recording(c), live != null,
                live == null ? "STOPPED" : live.display().state().label(),
                c.createdAt() == null ? null : c.createdAt().toInstant().toString(),
                c.updatedAt() == null ? null : c.updatedAt().toInstant().toString());
    }

    private static Recording recording(Camera c) {
        try {
            return Recording.of(RecordingPolicy.parse(c.recording()));
        } catch (IllegalArgumentException e) {
            return null; // a stored value this version cannot read (edited by hand): shown as absent, not guessed
        }
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (IOException e) {
            return Json.MAPPER.getNodeFactory().textNode(json);
        }
    }

    /**
     * A new camera from the input; bad values are 400 problems, and every value fits its column
     * ({@link CameraLimits}) before the store sees it.
     */
    public static Camera create(Input in) {
        checkDetails(in);
        Camera camera = Camera.create(in.name(), in.url(), in.subUrl(), in.location())
                .withDetails(in.name(), in.url(), in.subUrl(), in.location(), in.notes());
        CameraLimits.checkParsed(camera);
        return apply(camera, in);
    }

    /** {@code existing} replaced by the input (see {@link Input}), checked as {@link #create} does. */
    public static Camera replace(Camera existing, Input in) {
        checkDetails(in);
        Camera camera = existing.withDetails(in.name(), in.url(), in.subUrl(), in.location(), in.notes());
        CameraLimits.checkParsed(camera);
        return apply(camera, in);
    }

    private static void checkDetails(Input in) {
        requireText(in.name(), "name");
        requireText(in.url(), "url");
        CameraLimits.checkInput(in);
        SubmittedUrl.check(in.url(), "url");
        SubmittedUrl.check(in.subUrl(), "sub_url");
    }

    private static Camera apply(Camera camera, Input in) {
        if (in.enabled() != null) {
            camera = camera.withEnabled(in.enabled());
        }
        if (in.rtspTransport() != null) {
            if (!in.rtspTransport().equals("tcp") && !in.rtspTransport().equals("udp")) {
                throw ApiProblem.badRequest("Invalid rtsp_transport", "Field 'rtsp_transport' must be tcp or udp.");
            }
            camera = camera.withRtspTransport(in.rtspTransport());
        }
        if (in.detectSettings() != null) {
            String json = object(in.detectSettings(), "detect_settings");
            CameraLimits.checkJson(json, "detect_settings");
            check("detect_settings", () -> DetectConfig.parse(json));
            camera = camera.withDetectSettings(json);
        }
        if (in.recording() != null) {
            String json = object(in.recording(), "recording");
            CameraLimits.checkJson(json, "recording");
            RecordingPolicy[] parsed = new RecordingPolicy[1];
            check("recording", () -> parsed[0] = RecordingPolicy.parse(json));
            camera = camera.withRecording(parsed[0].toJson());
        }
        if (in.eventRules() != null) {
            String json = object(in.eventRules(), "event_rules");
            CameraLimits.checkJson(json, "event_rules");
            check("event_rules", () -> EventRuleConfig.parse(json));
            camera = camera.withEventRules(json);
        }
        return camera;
    }

    /** Runs a settings parser; its complaint (Jackson's words about Java types) is reworded for the client. */
    private static void check(String field, Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            String why = PlainText.fromJackson(e.getMessage()).replaceFirst("^Bad [a-z ]+: ", "");
            throw ApiProblem.badRequest("Invalid " + field, "Field '" + field + "' is not valid: " + why);
        }
    }

    private static String object(JsonNode node, String field) {
        if (!node.isObject()) {
            throw ApiProblem.badRequest("Wrong type", "Field '" + field + "' must be a JSON object.");
        }
        return node.toString();
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest("Missing field", "Field '" + field + "' is required.");
        }
    }
}
