package org.watchroom.core.archive.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.watchroom.core.archive.ArchiveException;
import org.watchroom.core.store.Database;

/**
 * Loads an evidence package (see docs/decisions/0008-evidence-package.md) into a fresh database in the session
 * folder, keeping the package's event, detection and clip ids so that they match its file names. File references
 * are resolved inside the package; one that would leave it is dropped. An event's range of a recording becomes one of
 * its clips; a package of a time range brings its cameras (disabled: an archive runs none) and their recording as
 * segments, for the timeline.
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
        List<Map.Entry<Long, JsonNode>> recordedClips = new ArrayList<>();
        int events = 0;
        for (JsonNode id : manifest.path("events")) {
            String file = files.resolve("events/" + id.asLong() + ".json");
            if (file == null || !Files.isRegularFile(Path.of(file))) {
                throw new ArchiveException("The package lists event " + id.asText() + " but has no events/"
                        + id.asLong() + ".json.");
            }
            JsonNode doc = read(Path.of(file));
            into.jdbi().useTransaction(h -> insert(h, doc, files, clipsSeen, recordedClips));
            events++;
        }
        // an event's range of a recording has no clip id of its own: numbered after the package's clips
        into.jdbi().useTransaction(h -> {
            for (Map.Entry<Long, JsonNode> e : recordedClips) {
                insertRecordedClip(h, e.getKey(), e.getValue(), files);
            }
        });
        loadRecordings(manifest, files, into);
        return events;
    }

    /** An event's range of its camera's recording (a cut in {@code clips/event-<id>.mp4}) as one of its clips. */
    private static void insertRecordedClip(Handle h, long eventId, JsonNode c, PathRelocator files) {
        String path = files.resolve(text(c, "file", null));
        long clipId = h.createQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM clips").mapTo(Long.class).one();
        h.createUpdate("""
                        INSERT INTO clips (id, camera_id, path, started_at, closed_at, duration_ms, bytes, sha256, codec,
                                           stream_copied, interrupted)
                        VALUES (:id, NULL, :path, :started, :closed, :ms, :bytes, :sha, :codec, :copied, :interrupted)""")
                .bind("id", clipId)
                .bind("path", path != null ? path : files.root().resolve("missing-recording-" + eventId + ".mp4").toString())
                .bind("started", time(c.path("started_at").isTextual() ? c.path("started_at") : c.path("requested_from")))
                .bind("closed", time(c.path("ended_at").isTextual() ? c.path("ended_at") : c.path("requested_to")))
                .bind("ms", c.path("duration_ms").isNumber() ? c.path("duration_ms").asLong() : null)
                .bind("bytes", c.path("bytes").isNumber() ? c.path("bytes").asLong() : null)
                .bind("sha", sha(text(c, "sha256", null))).bind("codec", text(c, "codec", null))
                .bind("copied", c.path("stream_copied").asBoolean(true)).bind("interrupted", c.path("interrupted").asBoolean())
                .execute();
        h.createUpdate("INSERT INTO clip_events (clip_id, event_id) VALUES (:clip, :event)")
                .bind("clip", clipId).bind("event", eventId).execute();
    }

    /**
     * A package of a time range ({@code recordings/camera-<id>.json}): each camera becomes a stored, disabled camera
     * with its recording as segments, so the timeline shows and plays it: the recorded segments themselves when the
     * package carries them, else the cut as one segment.
     */
    private static void loadRecordings(JsonNode manifest, PathRelocator files, Database into) {
        List<JsonNode> docs = new ArrayList<>();
        for (JsonNode f : manifest.path("files")) {
            String path = f.path("path").asText("");
            if (path.matches("recordings/camera-[0-9]+\\.json")) {
                String file = files.resolve(path);
                if (file != null && Files.isRegularFile(Path.of(file))) {
                    docs.add(read(Path.of(file)));
                }
            }
        }
        if (docs.isEmpty()) {
            return;
        }
        into.jdbi().useTransaction(h -> {
            List<Runnable> cuts = new ArrayList<>();
            for (JsonNode doc : docs) {
                long cameraId = doc.path("camera").path("id").asLong();
                String name = text(doc.path("camera"), "name", "camera " + cameraId);
                String cut = files.resolve(text(doc, "file", null));
                h.createUpdate("""
                                INSERT INTO cameras (id, name, url, enabled, location, notes, recording, created_at,
                                                     updated_at)
                                VALUES (:id, :name, :url, FALSE, :location, :notes, '{"mode": "continuous"}', :now, :now)""")
                        .bind("id", cameraId).bind("name", name)
                        .bind("url", cut != null ? cut : files.root().resolve("recordings").toString())
                        .bind("location", text(doc.path("camera"), "location", null))
                        .bind("notes", "From an evidence package: its recording only.")
                        .bind("now", OffsetDateTime.now(ZoneOffset.UTC)).execute();
                List<JsonNode> copied = new ArrayList<>();
                boolean allCopied = true;
                for (JsonNode s : doc.path("segments")) {
                    if (!s.path("used").asBoolean()) {
                        continue;
                    }
                    String file = files.resolve(text(s, "file", null));
                    if (file == null || !Files.isRegularFile(Path.of(file))) {
                        allCopied = false;
                    } else {
                        copied.add(s);
                    }
                }
                if (allCopied && !copied.isEmpty()) {
                    for (JsonNode s : copied) {
                        insertSegment(h, s.path("id").asLong(), cameraId, name, files.resolve(text(s, "file", null)),
                                s.path("started_at"), s.path("ended_at"), s);
                    }
                } else if (cut != null) {
                    cuts.add(() -> insertSegment(h, h.createQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM segments")
                            .mapTo(Long.class).one(), cameraId, name, cut, doc.path("started_at"), doc.path("ended_at"),
                            doc));
                }
            }
            cuts.forEach(Runnable::run); // numbered after the package's own segment ids
        });
    }

    private static void insertSegment(Handle h, long id, long cameraId, String cameraName, String path,
                                      JsonNode started, JsonNode ended, JsonNode facts) {
        h.createUpdate("""
                        INSERT INTO segments (id, camera_id, camera_name, path, started_at, ended_at, duration_ms, bytes,
                                              sha256, prev_sha256, codec, stream_copied, interrupted)
                        VALUES (:id, :camera, :name, :path, :started, :ended, :ms, :bytes, :sha, :prev, :codec, :copied,
                                :interrupted)""")
                .bind("id", id).bind("camera", cameraId).bind("name", cameraName).bind("path", path)
                .bind("started", time(started)).bind("ended", time(ended))
                .bind("ms", facts.path("duration_ms").isNumber() ? facts.path("duration_ms").asLong() : null)
                .bind("bytes", facts.path("bytes").isNumber() ? facts.path("bytes").asLong() : null)
                .bind("sha", sha(text(facts, "sha256", null)))
                .bind("prev", sha(text(facts, "prev_sha256", "0".repeat(64))))
                .bind("codec", text(facts, "codec", null)).bind("copied", facts.path("stream_copied").asBoolean(true))
                .bind("interrupted", facts.path("interrupted").asBoolean()).execute();
    }

    /** A SHA-256 as stored (64 hex digits), or null for anything else a hand-edited file holds. */
    private static String sha(String text) {
        return text != null && text.matches("[0-9a-f]{64}") ? text : null;
    }


    private static void insert(Handle h, JsonNode doc, PathRelocator files, Set<Long> clipsSeen,
                               List<Map.Entry<Long, JsonNode>> recordedClips) {
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
            if ("recording".equals(c.path("source").asText())) {
                recordedClips.add(Map.entry(eventId, c));
                continue;
            }
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
        } catch (DateTimeParseException e) {
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
