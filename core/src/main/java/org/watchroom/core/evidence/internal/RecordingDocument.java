package org.watchroom.core.evidence.internal;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Optional;
import org.watchroom.core.record.RangeCut;
import org.watchroom.core.redaction.Redaction;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.Segment;

/**
 * {@code recordings/camera-<id>.json}: what a package says about a camera's cut of a time range: the requested and
 * the real start and end (the cut begins at the keyframe at or before the start), the cut's hash, and every segment
 * of the range with its SHA-256 and its predecessor's, so that a reader sees the footage comes from one unbroken hash
 * chain as recorded. The same segment list describes an event's cut inside its event file.
 *
 * <p>Each segment's {@code link} says how it joins the one before it in the list: {@code first} (its predecessor
 * lies before the range), {@code follows} (its {@code prev_sha256} is the previous entry's {@code sha256}: checked
 * again by {@code watchroom verify}) or {@code after_deleted} (the segment before it was deleted, and the
 * workstation's audit log holds that deletion with its hash).
 *
 * <p>Thread-safety: stateless.
 */
public final class RecordingDocument {
    public static final String FORMAT = "watchroom-recording";
    public static final String FIRST = "first";
    public static final String FOLLOWS = "follows";
    public static final String AFTER_DELETED = "after_deleted";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RecordingDocument() {
    }

    /**
     * One segment of the range.
     *
     * @param link    how it joins the previous entry ({@link #FIRST}, {@link #FOLLOWS}, {@link #AFTER_DELETED})
     * @param used    the cut holds frames of it
     * @param missing its file was gone when the package was made
     * @param file    its byte-for-byte copy in the package, or null
     */
    public record SegmentEntry(Segment segment, String link, boolean used, boolean missing, String file) {
    }

    /**
     * A camera's cut of a range.
     *
     * @param cut             what the cutter wrote, or null when nothing of the range was recorded
     * @param file            the cut's package path, or null
     * @param sha256          the cut's SHA-256, or null
     * @param nothingRecorded why there is no cut, or null
     * @param openLeftOut     segments still being written in the range: left out, their hash is not known yet
     */
    public record Facts(long cameraId, String cameraName, String cameraLocation, String cameraPassword, Instant from,
                        Instant to, RangeCut cut, String file, String sha256, List<SegmentEntry> segments,
                        List<RecordingGap> gaps, String nothingRecorded, int openLeftOut) {
    }

    public static byte[] write(Facts f, ZoneId zone) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        ObjectNode camera = root.putObject("camera");
        camera.put("id", f.cameraId());
        camera.put("name", Redaction.redact(f.cameraName(), f.cameraPassword()));
        camera.put("location", Redaction.redact(f.cameraLocation(), f.cameraPassword()));
        root.put("time_zone", zone.getId());
        root.put("requested_from", utc(f.from()));
        root.put("requested_to", utc(f.to()));
        root.put("requested_from_local", local(f.from(), zone));
        root.put("requested_to_local", local(f.to(), zone));
        root.put("file", f.file());
        cut(root, f.cut(), f.sha256(), zone);
        root.put("nothing_recorded", f.nothingRecorded());
        root.put("open_segments_left_out", f.openLeftOut());
        segments(root, f.segments());
        ArrayNode gaps = root.putArray("gaps");
        for (RecordingGap g : f.gaps()) {
            gaps.addObject().put("started_at", utc(g.startedAt())).put("ended_at", utc(g.endedAt()))
                    .put("reason", g.reason().dbValue()).put("detail", Redaction.redact(g.detail(), f.cameraPassword()));
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The cut's facts as fields of {@code node} (all null when there is no cut). */
    public static void cut(ObjectNode node, RangeCut cut, String sha256, ZoneId zone) {
        node.put("started_at", cut == null ? null : utc(cut.startedAt()));
        node.put("ended_at", cut == null ? null : utc(cut.endedAt()));
        node.put("started_at_local", cut == null ? null : local(cut.startedAt(), zone));
        node.put("ended_at_local", cut == null ? null : local(cut.endedAt(), zone));
        node.put("duration_ms", cut == null ? null : cut.duration().toMillis());
        node.put("bytes", cut == null ? null : cut.bytes());
        node.put("sha256", sha256);
        node.put("codec", cut == null ? null : cut.codec());
        node.put("stream_copied", cut == null ? null : cut.streamCopied());
        node.put("cut", "stream copy of the segments below, from the keyframe at or before the requested start to "
                + "the requested end; no frame decoded or re-encoded");
        node.put("stopped_early", cut == null ? null : cut.stoppedEarly());
    }

    public static void segments(ObjectNode parent, List<SegmentEntry> entries) {
        ArrayNode list = parent.putArray("segments");
        for (SegmentEntry e : entries) {
            Segment s = e.segment();
            list.addObject().put("id", s.id()).put("started_at", utc(s.startedAt())).put("ended_at", utc(s.endedAt()))
                    .put("duration_ms", s.duration() == null ? null : s.duration().toMillis()).put("bytes", s.bytes())
                    .put("sha256", s.sha256()).put("prev_sha256", s.prevSha256()).put("link", e.link())
                    .put("codec", s.codec()).put("stream_copied", s.streamCopied()).put("interrupted", s.interrupted())
                    .put("used", e.used()).put("missing", e.missing()).put("file", e.file());
        }
    }

    /**
     * What is wrong with a segment list read back from a package, or empty: every {@code follows} link must hold,
     * and a segment copied into the package must be the one the chain names ({@code manifestSha256} maps package
     * paths to the hashes the manifest lists, which verify has just checked against the files).
     */
    public static Optional<String> chainProblem(JsonNode segments, Map<String, String> manifestSha256) {
        if (segments == null || segments.isMissingNode() || segments.isNull()) {
            return Optional.empty();
        }
        if (!segments.isArray()) {
            return Optional.of("its segment list is not a list");
        }
        String previous = null;
        for (JsonNode s : segments) {
            String sha = text(s, "sha256");
            String link = text(s, "link");
            if (FOLLOWS.equals(link) && (previous == null || !previous.equals(text(s, "prev_sha256")))) {
                return Optional.of("segment " + s.path("id").asText() + " says it follows the segment before it, but "
                        + "its prev_sha256 is not that segment's sha256");
            }
            String file = text(s, "file");
            if (file != null && (sha == null || !sha.equals(manifestSha256.get(file)))) {
                return Optional.of(file + " is not the segment the chain names (its sha256 differs)");
            }
            previous = sha;
        }
        return Optional.empty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    static String utc(Instant t) {
        return t == null ? null : t.toString();
    }

    static String local(Instant t, ZoneId zone) {
        return t == null ? null : OffsetDateTime.ofInstant(t, zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
