package org.watchroom.core.store;

import static org.watchroom.core.store.internal.Columns.time;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.watchroom.core.store.internal.Columns;

/**
 * The {@code stationary_objects} table: each camera's parked cars and other objects that stayed put, kept so that
 * they do not raise events again when the engine starts.
 *
 * <p>Thread-safety: safe from any thread; call it off the JavaFX thread and off detect threads (it does I/O).
 */
public final class StationaryStore {
    private final Jdbi jdbi;

    /**
     * One remembered object.
     *
     * <p>Thread-safety: immutable.
     *
     * @param x left edge, 0..1 of the frame width (likewise {@code y}, {@code width}, {@code height})
     */
    public record Row(String label, double x, double y, double width, double height, Instant since) {
    }

    public StationaryStore(Database database) {
        this.jdbi = database.jdbi();
    }

    /** The camera's remembered objects, oldest first. */
    public List<Row> list(long cameraId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT label, box_x, box_y, box_w, box_h, since FROM stationary_objects
                        WHERE camera_id = :camera ORDER BY since""")
                .bind("camera", cameraId)
                .map((rs, ctx) -> new Row(rs.getString("label"), rs.getDouble("box_x"), rs.getDouble("box_y"),
                        rs.getDouble("box_w"), rs.getDouble("box_h"), Columns.instant(rs, "since")))
                .list());
    }

    /** Replaces the camera's remembered objects in one transaction. */
    public void replace(long cameraId, List<Row> rows) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM stationary_objects WHERE camera_id = :camera").bind("camera", cameraId)
                    .execute();
            if (rows.isEmpty()) {
                return;
            }
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO stationary_objects (camera_id, label, box_x, box_y, box_w, box_h, since)
                    VALUES (:camera, :label, :x, :y, :w, :h, :since)""");
            for (Row r : rows) {
                batch.bind("camera", cameraId).bind("label", r.label()).bind("x", r.x()).bind("y", r.y())
                        .bind("w", r.width()).bind("h", r.height()).bind("since", time(r.since())).add();
            }
            batch.execute();
        });
    }
}
