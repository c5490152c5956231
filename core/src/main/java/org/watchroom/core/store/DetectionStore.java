package org.watchroom.core.store;

import static org.watchroom.core.store.internal.Columns.time;

import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.store.internal.Columns;

/**
 * The {@code detections} table: what each event saw, frame by frame.
 *
 * <p>Thread-safety: safe from any thread; call it off the JavaFX thread (it does I/O).
 */
public final class DetectionStore {
    private final Jdbi jdbi;

    public DetectionStore(Database database) {
        this(database.jdbi());
    }

    DetectionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Saves detections for one event in one batch and one transaction; returns how many. */
    public int addAll(long eventId, List<NewDetection> detections) {
        if (detections.isEmpty()) {
            return 0;
        }
        return jdbi.inTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO detections (event_id, ts, label, score, box_x, box_y, box_w, box_h, landmarks, crop_path,
                                            track_id)
                    VALUES (:event, :ts, :label, :score, :x, :y, :w, :h, :landmarks, :crop, :track)""");
            for (NewDetection n : detections) {
                Detection d = n.detection();
                batch.bind("event", eventId).bind("ts", time(n.ts())).bind("label", d.label()).bind("score", d.score())
                        .bind("x", d.box().x()).bind("y", d.box().y()).bind("w", d.box().width())
                        .bind("h", d.box().height()).bind("landmarks", Columns.landmarksJson(d.landmarks()))
                        .bind("crop", n.cropPath()).bind("track", d.trackId() == 0 ? null : d.trackId()).add();
            }
            try {
                return Arrays.stream(batch.execute()).sum();
            } catch (RuntimeException e) {
                throw new StoreException("Cannot save detections for event " + eventId + ": " + e.getMessage(), e);
            }
        });
    }

    /** The event's detections, oldest first. */
    public List<StoredDetection> forEvent(long eventId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM detections WHERE event_id = :e ORDER BY ts, id")
                .bind("e", eventId)
                .mapTo(StoredDetection.class)
                .list());
    }
}
