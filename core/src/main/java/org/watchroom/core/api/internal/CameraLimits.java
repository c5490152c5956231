package org.watchroom.core.api.internal;

import org.watchroom.core.store.Camera;

/**
 * The longest text each camera field may hold: the {@code cameras} table's column sizes (migrations V1 and V3).
 * A longer value is refused here with a 400 naming the field and its limit, never echoing the value, and
 * before the database sees it: H2 would refuse it with its SQL text and the value in the message, and trace
 * that to {@code watchroom.trace.db}, password included.
 *
 * <p>Thread-safety: stateless.
 */
final class CameraLimits {
    static final int NAME = 200;
    static final int URL = 2000;
    static final int USERNAME = 200;
    static final int PASSWORD = 500;
    static final int LOCATION = 500;
    static final int NOTES = 4000;
    static final int DETECT_SETTINGS = 8000;
    static final int EVENT_RULES = 32_000;
    static final int RECORDING = 1000;

    private CameraLimits() {
    }

    /** The free-text fields as sent (stripped, as they are stored). */
    static void checkInput(CameraJson.Input in) {
        max(in.name(), NAME, "Field 'name'");
        max(in.location(), LOCATION, "Field 'location'");
        max(in.notes(), NOTES, "Field 'notes'");
    }

    /** The parsed camera: addresses without credentials, and the credentials taken out of the URL. */
    static void checkParsed(Camera camera) {
        max(camera.url(), URL, "Field 'url' (without user name and password)");
        max(camera.subUrl(), URL, "Field 'sub_url' (without user name and password)");
        max(camera.username(), USERNAME, "The user name in 'url'");
        max(camera.password(), PASSWORD, "The password in 'url'");
    }

    /** A settings object as the JSON text that will be stored. */
    static void checkJson(String json, String field) {
        max(json, switch (field) {
            case "event_rules" -> EVENT_RULES;
            case "recording" -> RECORDING;
            default -> DETECT_SETTINGS;
        }, "Field '" + field + "' (as JSON)");
    }

    private static void max(String value, int limit, String what) {
        if (value != null && value.strip().length() > limit) {
            throw ApiProblem.badRequest("Too long", what + " may have at most " + limit + " characters.");
        }
    }
}
