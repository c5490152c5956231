package org.watchroom.core.store;

import java.time.OffsetDateTime;
import org.watchroom.core.camera.CameraUrl;

/**
 * A configured camera as stored. Immutable, so safe to share between threads.
 *
 * @param id database id (0 before insert)
 * @param name unique display name
 * @param url main stream address, without credentials
 * @param subUrl optional lower-resolution stream for tiles and detection, without credentials
 * @param username user for both streams, or null
 * @param password password for both streams, or null; never shown
 * @param rtspTransport {@code tcp} (default) or {@code udp}
 * @param enabled whether the engine streams it
 * @param location where it hangs, free text
 * @param notes installer's notes
 * @param detectSettings detection settings JSON ({@code DetectConfig})
 * @param eventRules event rules JSON ({@code EventRuleConfig})
 * @param recording recording policy JSON ({@code record.RecordingPolicy}: mode, keep days/size, segment length);
 *                  {@code {}} is the default, continuous recording
 */
public record Camera(long id, String name, String url, String subUrl, String username, String password,
                     String rtspTransport, boolean enabled, String location, String notes, String detectSettings,
                     String eventRules, String recording, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /**
     * This camera, when no field is longer than its column (V1, V3); otherwise an {@link IllegalArgumentException}
     * naming the field and the limit, never the value. The store calls it before H2 sees the values: H2's refusal
     * would quote them into the error and into {@code watchroom.trace.db}, a password included.
     */
    public Camera requireFitsColumns() {
        fits(name, "name", 200);
        fits(url, "URL (without user name and password)", 2000);
        fits(subUrl, "sub-stream URL (without user name and password)", 2000);
        fits(username, "user name", 200);
        fits(password, "password", 500);
        fits(rtspTransport, "RTSP transport", 3);
        fits(location, "location", 500);
        fits(notes, "notes", 4000);
        fits(detectSettings, "detection settings", 8000);
        fits(eventRules, "event rules", 32000);
        fits(recording, "recording policy", 1000);
        return this;
    }

    private static void fits(String value, String field, int max) {
        if (value != null && value.codePointCount(0, value.length()) > max) { // H2 counts characters, not UTF-16 units
            throw new IllegalArgumentException("The camera's " + field + " is too long: at most " + max + " characters.");
        }
    }

    /** A new camera from what a person typed; credentials in the URL are moved apart. */
    public static Camera create(String name, String urlText, String subUrlText, String location) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A camera needs a name.");
        }
        CameraUrl main = CameraUrl.parse(urlText);
        CameraUrl sub = subUrlText == null || subUrlText.isBlank() ? null
                : CameraUrl.parse(subUrlText, main.username(), main.password());
        return new Camera(0, name.strip(), main.storedAddress(), sub == null ? null : sub.storedAddress(),
                main.username(), main.password(), "tcp", true, blank(location), null, "{}", "{}", "{}", null, null);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The main stream as stored ({@link CameraUrl#stored}: a refused source is opened by nobody, but still listed). */
    public CameraUrl mainUrl() { return CameraUrl.stored(url, username, password); }

    /** The stream for tiles and detection: the sub-stream when there is one. */
    public CameraUrl displayUrl() {
        return subUrl == null ? mainUrl() : CameraUrl.stored(subUrl, username, password);
    }

    public Camera withEnabled(boolean on) {
        return new Camera(id, name, url, subUrl, username, password, rtspTransport, on, location, notes, detectSettings, eventRules, recording, createdAt, updatedAt);
    }

    public Camera withDetails(String newName, String urlText, String subUrlText, String newLocation, String newNotes) {
        Camera parsed = create(newName, urlText, subUrlText, newLocation);
        String user = parsed.username != null ? parsed.username : username;
        String pass = parsed.username != null ? parsed.password : password;
        return new Camera(id, parsed.name, parsed.url, parsed.subUrl, user, pass, rtspTransport, enabled, parsed.location,
                blank(newNotes), detectSettings, eventRules, recording, createdAt, updatedAt);
    }

    /** The same camera with other detection settings (JSON); checked by the caller. */
    public Camera withDetectSettings(String json) {
        return new Camera(id, name, url, subUrl, username, password, rtspTransport, enabled, location, notes,
                json, eventRules, recording, createdAt, updatedAt);
    }

    /** The same camera with other event rules (JSON); checked by the caller. */
    public Camera withEventRules(String json) {
        return new Camera(id, name, url, subUrl, username, password, rtspTransport, enabled, location, notes,
                detectSettings, json, recording, createdAt, updatedAt);
    }

    /** The same camera signing in as {@code user} with {@code pass} (both null: no credentials); stored apart. */
    public Camera withCredentials(String user, String pass) {
        String who = blank(user);
        return new Camera(id, name, url, subUrl, who, who == null ? null : pass, rtspTransport, enabled, location,
                notes, detectSettings, eventRules, recording, createdAt, updatedAt);
    }

    /** The same camera read over {@code tcp} or {@code udp}. */
    public Camera withRtspTransport(String transport) {
        if (!"tcp".equals(transport) && !"udp".equals(transport)) {
            throw new IllegalArgumentException("RTSP transport must be tcp or udp, not '" + transport + "'.");
        }
        return new Camera(id, name, url, subUrl, username, password, transport, enabled, location, notes,
                detectSettings, eventRules, recording, createdAt, updatedAt);
    }

    /** The same camera with another recording policy (JSON); checked by the caller. */
    public Camera withRecording(String json) {
        return new Camera(id, name, url, subUrl, username, password, rtspTransport, enabled, location, notes,
                detectSettings, eventRules, json, createdAt, updatedAt);
    }

    @Override
    public String toString() {
        return "Camera[" + id + ", " + name + ", " + mainUrl().redacted() + "]";
    }
}
