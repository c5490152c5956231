package org.watchroom.core.store;

import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Questions about the recording index ({@code segments}, V9) that readers ask across cameras: which cameras have
 * recordings, and the segments of cameras that were removed since (their {@code camera_id} is null, the footage and
 * its {@code camera_name} stay).
 *
 * <p>Thread-safety: safe from any thread; call it off the JavaFX thread (it does I/O).
 */
public final class SegmentIndex {
    private final Jdbi jdbi;

    public SegmentIndex(Database database) {
        this.jdbi = database.jdbi();
    }

    /** Ids of the cameras that have at least one segment, ascending. */
    public List<Long> cameraIds() {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT DISTINCT camera_id FROM segments WHERE camera_id IS NOT NULL ORDER BY camera_id")
                .mapTo(Long.class).list());
    }

    /** Segments whose camera was removed, oldest first. */
    public List<Segment> withoutCamera() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + SegmentStore.COLUMNS
                        + " FROM segments WHERE camera_id IS NULL ORDER BY started_at, id")
                .mapTo(Segment.class).list());
    }

    /** How many segments there are, and their bytes (closed ones). */
    public record Totals(long segments, long bytes) {
    }

    public Totals totals() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM segments")
                .map((rs, ctx) -> new Totals(rs.getLong(1), rs.getLong(2))).one());
    }
}
