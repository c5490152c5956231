package org.watchroom.core.archive.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.watchroom.core.archive.ArchiveException;
import org.watchroom.core.store.Database;

/**
 * Loads an evidence package (see docs/decisions/0008-evidence-package.md) into a fresh database in the session
 * folder, keeping the package's event, detection and clip ids so that they match its file names. File references
 * are resolved inside the package; one that would leave it is dropped.
 *
 * <p>Thread-safety: stateless; one call per archive.
 */
public final class EvidenceImport {
    public static final String MANIFEST = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvidenceImport() {
    }

    /** Loads the package; returns how many events it holds. */
    public static int load(Path folder, Database into) {
        JsonNode manifest = read(folder.resolve(MANIFEST));
        if (!"watchroom-evidence".equals(manifest.path("format").asText())) {
            throw new ArchiveException(folder.resolve(MANIFEST) + " is not a Watchroom evidence manifest.");
        }
        PathRelocator files = new PathRelocator(folder);
        Set<Long> clipsSeen = new HashSet<>();
        int events = 0;
        for (JsonNode id : manifest.path("events")) {
            String file = files.resolve("events/" + id.asLong() + ".json");
            if (file == null || !Files.isRegularFile(Path.of(file))) {
                throw new ArchiveException("The package lists event " + id.asText() + " but has no events/"
                        + id.asLong() + ".json.");
            }
            JsonNode doc = read(Path.of(file));
            into.jdbi().useTransaction(h -> insert(h, doc, files, clipsSeen));
            events++;
        }
        return events;
    }

    private static void insert(Handle h, JsonNode doc, PathRelocator files, Set<Long> clipsSeen) {
        JsonNode e = doc.path("event");
        long eventId = e.path("id").asLong();
        JsonNode box = e.path("peak_box");
        h.createUpdate("""
                        INSERT INTO events (id, camera_id, camera_name, label, started_at, ended_at, peak_score, peak_box,
                                            snapshot_path, status, reviewed_by, reviewed_at, note, interrupted, hold,
                                            frame_width, frame_height)
                        VALUES (:id, NULL, :camera, :label, :started, :ended, :score, :box, :snapshot, :status, :by, :at,
                                :note, :interrupted, :hold, :fw, :fh)""")
                .bind("id", eventId).bind("camera", text(e, "camera_name", "unknown camera"))
                .bind("label", text(e, "label", "unknown")).bind("started", time(e.path("started_at")))
                .bind("ended", time(e.path("ended_at"))).bind("score", (float) e.path("peak_score").asDouble())
                .bind("box", box.isObject() ? boxJson(box) : null).bind("snapshot", files.resolve(text(doc, "snapshot", null)))
                .bind("status", text(e, "status", "pending")).bind("by", text(e, "reviewed_by", null))
                .bind("at", time(e.path("reviewed_at"))).bind("note", text(e, "note", null))
                .bind("interrupted", e.path("interrupted").asBoolean()).bind("hold", e.path("hold").asBoolean())
                .bind("fw", positive(e.path("frame_width"))).bind("fh", positive(e.path("frame_height")))
                .execute();
        for (JsonNode d : doc.path("detections")) {
            JsonNode b = d.path("box");
            h.createUpdate("""
                            INSERT INTO detections (id, event_id, ts, label, score, box_x, box_y, box_w, box_h, landmarks, crop_path)
                            VALUES (:id, :event, :ts, :label, :score, :x, :y, :w, :h, :landmarks, :crop)""")
                    .bind("id", d.path("id").asLong()).bind("event", eventId).bind("ts", time(d.path("ts")))
                    .bind("label", text(d, "label", "unknown")).bind("score", (float) d.path("score").asDouble())
                    .bind("x", (float) b.path("x").asDouble()).bind("y", (float) b.path("y").asDouble())
                    .bind("w", (float) b.path("width").asDouble()).bind("h", (float) b.path("height").asDouble())
                    .bind("landmarks", d.path("landmarks").isArray() ? d.path("landmarks").toString() : null)
                    .bind("crop", files.resolve(text(d, "crop", null))).execute();
        }
        for (JsonNode c : doc.path("clips")) {
            long clipId = c.path("id").asLong();
            if (clipsSeen.add(clipId)) {
                String path = files.resolve(text(c, "file", null));
                h.createUpdate("""
                                INSERT INTO clips (id, camera_id, path, started_at, closed_at, duration_ms, bytes, sha256, codec,
                                                   stream_copied, fallback_reason, interrupted)
                                VALUES (:id, NULL, :path, :started, :closed, :ms, :bytes, :sha, :codec, :copied, :why, :interrupted)""")
                        .bind("id", clipId)
                        .bind("path", path != null ? path : files.root().resolve("missing-clip-" + clipId + ".mp4").toString())
                        .bind("started", time(c.path("started_at"))).bind("closed", time(c.path("closed_at")))
                        .bind("ms", c.path("duration_ms").isNumber() ? c.path("duration_ms").asLong() : null)
                        .bind("bytes", c.path("bytes").isNumber() ? c.path("bytes").asLong() : null)
                        .bind("sha", text(c, "sha256", null)).bind("codec", text(c, "codec", null))
                        .bind("copied", c.path("stream_copied").asBoolean(true)).bind("why", text(c, "fallback_reason", null))
                        .bind("interrupted", c.path("interrupted").asBoolean()).execute();
            }
            h.createUpdate("INSERT INTO clip_events (clip_id, event_id) VALUES (:clip, :event)")
                    .bind("clip", clipId).bind("event", eventId).execute();
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ArchiveException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : fallback;
    }

    private static OffsetDateTime time(JsonNode v) {
        if (!v.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(v.asText()).atOffset(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ArchiveException("Bad time '" + v.asText() + "' in the evidence package.", e);
        }
    }

    private static Integer positive(JsonNode v) {
        return v.isInt() && v.asInt() > 0 ? v.asInt() : null;
    }

    /** The events table's box format ({@code {"x":..,"y":..,"w":..,"h":..}}), from the package's field names. */
    private static String boxJson(JsonNode b) {
        return String.format(Locale.ROOT, "{\"x\":%s,\"y\":%s,\"w\":%s,\"h\":%s}", (float) b.path("x").asDouble(),
                (float) b.path("y").asDouble(), (float) b.path("width").asDouble(), (float) b.path("height").asDouble());
    }
}
