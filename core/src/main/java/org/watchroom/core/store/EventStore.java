package org.watchroom.core.store;

import static org.watchroom.core.store.internal.Columns.time;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.watchroom.core.detect.Box;
import org.watchroom.core.model.ModelIdentity;
import org.watchroom.core.store.internal.Columns;
import org.watchroom.core.store.internal.Where;

/**
 * The {@code events} table as the event engine writes it (create, raise the peak, end, mark interrupted) and as
 * everyone reads it. Operators' audited writes (reviews, holds) are {@link ReviewStore}'s.
 *
 * <p>Thread-safety: safe from any thread; call it off the JavaFX thread (it does I/O).
 */
public final class EventStore implements EventCatalog {
    static final String COLUMNS = "id, camera_id, camera_name, label, started_at, ended_at, peak_score, peak_box, "
            + "snapshot_path, status, reviewed_by, reviewed_at, note, interrupted, hold, continues_event_id, track_id, zones, frame_width, frame_height";

    private final Jdbi jdbi;

    public EventStore(Database database) {
        this.jdbi = database.jdbi();
    }

    /** Starts a pending event. */
    public Event create(NewEvent e) {
        long id = jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO events (camera_id, camera_name, label, started_at, peak_score, peak_box, snapshot_path,
                                            frame_width, frame_height, model_id, model_version, continues_event_id,
                                            track_id, zones)
                        VALUES (:camera, :name, :label, :started, :score, :box, :snapshot, :fw, :fh, :model, :modelVersion,
                                :continues, :track, :zones)""")
                .bind("camera", e.cameraId()).bind("name", e.cameraName()).bind("label", e.label())
                .bind("started", time(e.startedAt())).bind("score", e.score()).bind("box", Columns.boxJson(e.box()))
                .bind("snapshot", e.snapshotPath())
                .bind("fw", e.frameSize() == null ? null : e.frameSize().width())
                .bind("fh", e.frameSize() == null ? null : e.frameSize().height())
                .bind("model", e.modelId()).bind("modelVersion", e.modelVersion())
                .bind("continues", e.continuesEventId()).bind("track", e.trackId())
                .bind("zones", Columns.namesJson(e.zones()))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return require(id);
    }

    /**
     * Raises the peak to {@code score} with its box and snapshot (null keeps the old snapshot) when it beats the
     * stored peak; returns whether it did. The comparison is in SQL so concurrent updates cannot lower it.
     */
    public boolean updatePeak(long id, float score, Box box, String snapshotPath) {
        return updatePeak(id, score, box, snapshotPath, null);
    }

    /**
     * {@link #updatePeak(long, float, Box, String)} that also records the detector frame {@code box} is measured
     * in (null keeps the stored size).
     */
    public boolean updatePeak(long id, float score, Box box, String snapshotPath, FrameSize frameSize) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE events SET peak_score = :score, peak_box = :box, snapshot_path = COALESCE(:snapshot, snapshot_path),
                               frame_width = COALESCE(:fw, frame_width), frame_height = COALESCE(:fh, frame_height)
                        WHERE id = :id AND peak_score < :score""")
                .bind("id", id).bind("score", score).bind("box", Columns.boxJson(box)).bind("snapshot", snapshotPath)
                .bind("fw", frameSize == null ? null : frameSize.width())
                .bind("fh", frameSize == null ? null : frameSize.height())
                .execute()) > 0;
    }

    /**
     * Renames an ongoing event when the vote of its object's frames turned (a van first seen as a car, then more
     * often as a truck); returns whether the label changed.
     */
    public boolean relabel(long id, String label) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE events SET label = :label WHERE id = :id AND label <> :label")
                .bind("id", id).bind("label", label).execute()) > 0;
    }

    /** The detector frame the event's peak box is measured in; empty for events stored without it. */
    @Override
    public Optional<FrameSize> frameSize(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT frame_width, frame_height FROM events WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> new int[] {rs.getInt("frame_width"), rs.getInt("frame_height")})
                .findOne()).filter(s -> s[0] > 0 && s[1] > 0).map(s -> new FrameSize(s[0], s[1]));
    }

    /** The model that produced the event; empty for events stored without one (older, simulated). */
    public Optional<ModelIdentity> model(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT model_id, model_version FROM events WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> new String[] {rs.getString("model_id"), rs.getString("model_version")})
                .findOne()).filter(m -> m[0] != null).map(m -> new ModelIdentity(m[0], m[1]));
    }

    /** Ends an ongoing event; ending it again is an error so engine bugs show. */
    public Event end(long id, Instant endedAt) {
        int rows = jdbi.withHandle(h -> h.createUpdate("UPDATE events SET ended_at = :at WHERE id = :id AND ended_at IS NULL")
                .bind("id", id).bind("at", time(endedAt)).execute());
        if (rows == 0) {
            Event e = require(id);
            throw new StoreException("Event " + id + " already ended at " + e.endedAt() + ".");
        }
        return require(id);
    }

    /**
     * Marks an event interrupted (the engine or recorder stopped before it ended) and ends it at {@code endedAt}
     * unless it had ended already. Not audited here: {@link Recovery} audits what it did as a whole.
     */
    public boolean markInterrupted(long id, Instant endedAt) {
        return jdbi.withHandle(h -> markInterrupted(h, id, endedAt));
    }

    static boolean markInterrupted(Handle h, long id, Instant endedAt) {
        return h.createUpdate("UPDATE events SET interrupted = TRUE, ended_at = COALESCE(ended_at, :at) WHERE id = :id")
                .bind("id", id).bind("at", time(endedAt)).execute() > 0;
    }

    @Override
    public Optional<Event> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM events WHERE id = :id").bind("id", id)
                .mapTo(Event.class).findOne());
    }

    /** The event with its detections and clips. */
    @Override
    public Optional<EventDetails> details(long id) {
        return find(id).map(e -> new EventDetails(e, new DetectionStore(jdbi).forEvent(id), new ClipStore(jdbi).forEvent(id)));
    }

    /** Events matching the query, newest first. */
    @Override
    public List<Event> list(EventQuery q) {
        Where where = where(q);
        String sql = "SELECT " + COLUMNS + " FROM events" + where.sql()
                + " ORDER BY started_at DESC, id DESC LIMIT :limit OFFSET :offset";
        return jdbi.withHandle(h -> where.bind(h.createQuery(sql))
                .bind("limit", q.limit()).bind("offset", q.offset()).mapTo(Event.class).list());
    }

    /** How many events match the query's filters (paging ignored). */
    @Override
    public long count(EventQuery q) {
        Where where = where(q);
        String sql = "SELECT COUNT(*) FROM events" + where.sql();
        return jdbi.withHandle(h -> where.bind(h.createQuery(sql)).mapTo(Long.class).one());
    }

    private static Where where(EventQuery q) {
        Where where = new Where();
        if (q.cameraId() != null) where.and("camera_id = :camera", "camera", q.cameraId());
        if (q.status() != null) where.and("status = :status", "status", q.status().dbValue());
        if (q.label() != null) where.and("label = :label", "label", q.label());
        if (q.from() != null) where.and("started_at >= :from", "from", time(q.from()));
        if (q.to() != null) where.and("started_at < :to", "to", time(q.to()));
        if (q.noteContains() != null) {
            String escaped = q.noteContains().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            where.and("LOWER(note) LIKE :note ESCAPE '\\'", "note", "%" + escaped + "%");
        }
        return where;
    }

    private Event require(long id) {
        return find(id).orElseThrow(() -> new StoreException("No event with id " + id + "."));
    }

}
