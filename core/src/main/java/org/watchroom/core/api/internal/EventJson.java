package org.watchroom.core.api.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.watchroom.core.detect.Box;
import org.watchroom.core.record.EventFootage;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventDetails;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.StoredDetection;

/**
 * The event resource's JSON shapes. Files are named by URL (ids), never by path.
 *
 * <p>Thread-safety: immutable records and stateless functions.
 */
public final class EventJson {
    private EventJson() {
    }

    public record View(long id, Long cameraId, String cameraName, String label, String startedAt, String endedAt,
                       float peakScore, List<Float> peakBox, String status, String reviewedBy, String reviewedAt,
                       String note, boolean interrupted, boolean hold, String snapshotUrl, Long continuesEventId,
                       Long trackId, List<String> zones) {
    }

    public record DetectionView(long id, String ts, String label, float score, List<Float> box, boolean hasCrop,
                                Long trackId) {
    }

    /**
     * A clip file ({@code source} "clip") or the event's own range of its camera's recording ({@code source}
     * "recording": no id, cut by stream copy when its {@code url} is asked for; {@code complete} false while the
     * event, its post-roll or the segment holding its end is still recorded; the segments it comes from).
     */
    public record ClipView(Long id, String source, String startedAt, String closedAt, Double durationS, Long bytes,
                           String sha256, String codec, boolean interrupted, String url,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Boolean complete,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<SegmentRef> segments) {
    }

    /** A segment a recording clip comes from: its id and its SHA-256 (null while it is written). */
    public record SegmentRef(long id, String startedAt, String endedAt, String sha256) {
    }

    public record DetailsView(View event, List<DetectionView> detections, List<ClipView> clips) {
    }

    public record Page(List<View> items, long total, int limit, int offset) {
    }

    /** Body of confirm and dismiss; the note is optional. */
    public record Review(String note) {
    }

    public static View view(Event e) {
        return new View(e.id(), e.cameraId(), e.cameraName(), e.label(), text(e.startedAt()), text(e.endedAt()),
                e.peakScore(), box(e.peakBox()), e.status().dbValue(), e.reviewedBy(), text(e.reviewedAt()), e.note(),
                e.interrupted(), e.hold(), e.snapshotPath() == null ? null : "/api/v1/events/" + e.id() + "/snapshot.jpg",
                e.continuesEventId(), e.trackId(), e.zones());
    }

    /** The event with its detections and its footage: its range of the recording, or its clip files. */
    public static DetailsView details(EventDetails d, EventFootage footage) {
        List<ClipView> clips = footage instanceof EventFootage.Recording r ? List.of(recording(d.event().id(), r))
                : d.clips().stream().map(EventJson::clip).toList();
        return new DetailsView(view(d.event()), d.detections().stream().map(EventJson::detection).toList(), clips);
    }

    private static ClipView recording(long eventId, EventFootage.Recording r) {
        List<Segment> segments = r.segments();
        return new ClipView(null, "recording", text(r.from()), r.complete() ? text(r.to()) : null,
                r.length().toMillis() / 1000.0, null, null, segments.getFirst().codec(),
                segments.stream().anyMatch(Segment::interrupted), "/api/v1/events/" + eventId + "/clip.mp4",
                r.complete(), segments.stream().map(s -> new SegmentRef(s.id(), text(s.startedAt()), text(s.endedAt()),
                s.sha256())).toList());
    }

    private static DetectionView detection(StoredDetection d) {
        return new DetectionView(d.id(), text(d.ts()), d.label(), d.score(), box(d.box()), d.cropPath() != null,
                d.trackId());
    }

    private static ClipView clip(Clip c) {
        return new ClipView(c.id(), "clip", text(c.startedAt()), text(c.closedAt()),
                c.duration() == null ? null : c.duration().toMillis() / 1000.0, c.bytes(), c.sha256(), c.codec(),
                c.interrupted(), "/api/v1/clips/" + c.id(), null, null);
    }

    private static List<Float> box(Box b) {
        return b == null ? null : List.of(b.x(), b.y(), b.width(), b.height());
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
