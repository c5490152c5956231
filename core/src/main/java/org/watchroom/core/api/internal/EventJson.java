package org.watchroom.core.api.internal;

import java.time.Instant;
import java.util.List;
import org.watchroom.core.detect.Box;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventDetails;
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
                       String note, boolean interrupted, boolean hold, String snapshotUrl, Long continuesEventId) {
    }

    public record DetectionView(long id, String ts, String label, float score, List<Float> box, boolean hasCrop) {
    }

    public record ClipView(long id, String startedAt, String closedAt, Double durationS, Long bytes, String sha256,
                           String codec, boolean interrupted, String url) {
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
                e.continuesEventId());
    }

    public static DetailsView details(EventDetails d) {
        return new DetailsView(view(d.event()), d.detections().stream().map(EventJson::detection).toList(),
                d.clips().stream().map(EventJson::clip).toList());
    }

    private static DetectionView detection(StoredDetection d) {
        return new DetectionView(d.id(), text(d.ts()), d.label(), d.score(), box(d.box()), d.cropPath() != null);
    }

    private static ClipView clip(Clip c) {
        return new ClipView(c.id(), text(c.startedAt()), text(c.closedAt()),
                c.duration() == null ? null : c.duration().toMillis() / 1000.0, c.bytes(), c.sha256(), c.codec(),
                c.interrupted(), "/api/v1/clips/" + c.id());
    }

    private static List<Float> box(Box b) {
        return b == null ? null : List.of(b.x(), b.y(), b.width(), b.height());
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
