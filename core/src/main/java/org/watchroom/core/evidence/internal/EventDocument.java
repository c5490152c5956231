package org.watchroom.core.evidence.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.watchroom.core.detect.Box;
import org.watchroom.core.model.ModelIdentity;
import org.watchroom.core.record.RangeCut;
import org.watchroom.core.redaction.Redaction;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventDetails;
import org.watchroom.core.store.FrameSize;
import org.watchroom.core.store.StoredDetection;

/**
 * {@code events/<id>.json}: one event with its camera, times in UTC and the package's zone, detections, clips
 * and model, pointing at the package's copies of its files. An event on a recorded camera has one clip of
 * {@code "source": "recording"}: its own range cut from the recording, with the segments' hashes and chain. Free text (camera name and location, note) goes
 * through {@link Redaction} with the camera's password, so that no password reaches a package.
 *
 * <p>Thread-safety: stateless.
 */
public final class EventDocument {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What is known about the event beyond its details; {@code packaged} maps source files to package paths;
     * {@code recorded} is its range of the recording, or null when its footage is clip files.
     */
    public record Facts(EventDetails details, String cameraLocation, String cameraPassword, FrameSize frameSize,
                        ModelIdentity model, Map<String, String> packaged, List<Missing> missing, Recorded recorded) {
    }

    /**
     * An event's own range of its camera's recording, cut for the package.
     *
     * @param file     the cut's package path, or null when nothing could be cut
     * @param complete false when the event, its post-roll or the segment holding its end was still being recorded
     * @param nothing  why there is no cut, or null
     */
    public record Recorded(String file, RangeCut cut, String sha256, Instant from, Instant to, boolean complete,
                           List<RecordingDocument.SegmentEntry> segments, String nothing, int openLeftOut) {
    }

    /** A file the event refers to that was not there to copy. */
    public record Missing(String kind, String file, String reason) {
    }

    private EventDocument() {
    }

    public static byte[] write(Facts f, ZoneId zone) {
        Event e = f.details().event();
        String password = f.cameraPassword();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "watchroom-event");
        root.put("version", 1);
        ObjectNode ev = root.putObject("event");
        ev.put("id", e.id());
        ev.put("camera_id", e.cameraId());
        ev.put("camera_name", Redaction.redact(e.cameraName(), password));
        ev.put("camera_location", Redaction.redact(f.cameraLocation(), password));
        ev.put("label", e.label());
        ev.put("started_at", utc(e.startedAt()));
        ev.put("ended_at", utc(e.endedAt()));
        ev.put("started_at_local", local(e.startedAt(), zone));
        ev.put("ended_at_local", local(e.endedAt(), zone));
        ev.put("time_zone", zone.getId());
        ev.put("peak_score", e.peakScore());
        box(ev, "peak_box", e.peakBox());
        ev.put("frame_width", f.frameSize() == null ? null : f.frameSize().width());
        ev.put("frame_height", f.frameSize() == null ? null : f.frameSize().height());
        ev.put("status", e.status().dbValue());
        ev.put("reviewed_by", e.reviewedBy());
        ev.put("reviewed_at", utc(e.reviewedAt()));
        ev.put("note", Redaction.redact(e.note(), password));
        ev.put("interrupted", e.interrupted());
        ev.put("hold", e.hold());
        ev.put("continues_event_id", e.continuesEventId());
        ev.put("model_id", f.model() == null ? null : f.model().id());
        ev.put("model_version", f.model() == null ? null : f.model().version());
        root.put("snapshot", f.packaged().get(e.snapshotPath()));
        ArrayNode clips = root.putArray("clips");
        for (Clip c : f.details().clips()) {
            ObjectNode n = clips.addObject();
            n.put("id", c.id());
            n.put("source", "clip");
            n.put("file", f.packaged().get(c.path()));
            n.put("started_at", utc(c.startedAt()));
            n.put("closed_at", utc(c.closedAt()));
            n.put("duration_ms", c.duration() == null ? null : c.duration().toMillis());
            n.put("bytes", c.bytes());
            n.put("sha256", c.sha256());
            n.put("codec", c.codec());
            // the row says true until the recorder closes it: an open clip's way of recording is not known yet
            n.put("stream_copied", c.open() ? null : c.streamCopied());
            n.put("fallback_reason", c.fallbackReason());
            n.put("interrupted", c.interrupted());
        }
        if (f.recorded() != null) {
            Recorded r = f.recorded();
            ObjectNode n = clips.addObject();
            n.putNull("id");
            n.put("source", "recording");
            n.put("file", r.file());
            n.put("requested_from", utc(r.from()));
            n.put("requested_to", utc(r.to()));
            n.put("complete", r.complete());
            RecordingDocument.cut(n, r.cut(), r.sha256(), zone);
            n.put("closed_at", r.cut() == null ? null : utc(r.cut().endedAt()));
            n.put("interrupted", r.segments().stream().anyMatch(s -> s.used() && s.segment().interrupted()));
            n.put("nothing_recorded", r.nothing());
            n.put("open_segments_left_out", r.openLeftOut());
            RecordingDocument.segments(n, r.segments());
        }
        ArrayNode detections = root.putArray("detections");
        for (StoredDetection d : f.details().detections()) {
            ObjectNode n = detections.addObject();
            n.put("id", d.id());
            n.put("ts", utc(d.ts()));
            n.put("label", d.label());
            n.put("score", d.score());
            box(n, "box", d.box());
            if (d.landmarks() == null) {
                n.putNull("landmarks");
            } else {
                ArrayNode marks = n.putArray("landmarks");
                for (float v : d.landmarks()) {
                    marks.add(v);
                }
            }
            n.put("crop", d.cropPath() == null ? null : f.packaged().get(d.cropPath()));
        }
        ArrayNode missing = root.putArray("missing");
        for (Missing m : f.missing()) {
            missing.addObject().put("kind", m.kind()).put("file", m.file()).put("reason", m.reason());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException ex) {
            throw new IllegalStateException("a JSON tree always serialises", ex);
        }
    }

    private static void box(ObjectNode parent, String field, Box b) {
        if (b == null) {
            parent.putNull(field);
        } else {
            parent.putObject(field).put("x", b.x()).put("y", b.y()).put("width", b.width()).put("height", b.height());
        }
    }

    private static String utc(Instant t) {
        return t == null ? null : t.toString();
    }

    private static String local(Instant t, ZoneId zone) {
        return t == null ? null : OffsetDateTime.ofInstant(t, zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
