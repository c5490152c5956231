package org.watchroom.core.store;

import static org.watchroom.core.store.internal.Columns.time;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code recording_gaps} table (V9): when and why a camera's recording has a hole.
 *
 * <p>Thread-safety: safe from any thread; call it off the JavaFX thread (it does I/O).
 */
public final class GapStore implements GapIndex {
    private static final String COLUMNS = "id, camera_id, started_at, ended_at, reason, detail";
    private final Jdbi jdbi;

    public GapStore(Database database) {
        this.jdbi = database.jdbi();
    }

    /** A gap that begins now; {@link #end} closes it. {@code detail} is cut to fit its column. */
    public long begin(long cameraId, Instant at, RecordingGap.Reason reason, String detail) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO recording_gaps (camera_id, started_at, reason, detail)
                        VALUES (:camera, :at, :reason, :detail)""")
                .bind("camera", cameraId).bind("at", time(at)).bind("reason", reason.dbValue())
                .bind("detail", cut(detail)).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** A gap whose both ends are known (an engine that was down). */
    public long add(long cameraId, Instant from, Instant to, RecordingGap.Reason reason, String detail) {
        long id = begin(cameraId, from, reason, detail);
        end(id, to);
        return id;
    }

    /** Closes a gap (never before it began); false when it was closed already. */
    public boolean end(long gapId, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE recording_gaps SET ended_at = GREATEST(:at, started_at)
                        WHERE id = :id AND ended_at IS NULL""")
                .bind("id", gapId).bind("at", time(at)).execute()) == 1;
    }

    /**
     * Opens an ended gap again: it ended where a segment began that was then discarded, so recording did not resume
     * there; {@link #end} ends it anew. False when it was open.
     */
    public boolean reopen(long gapId) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE recording_gaps SET ended_at = NULL WHERE id = :id AND ended_at IS NOT NULL")
                .bind("id", gapId).execute()) == 1;
    }

    /** A camera's gaps that overlap [{@code from}, {@code to}), oldest first (open ones included). */
    @Override
    public List<RecordingGap> list(long cameraId, Instant from, Instant to) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " " + """
                         FROM recording_gaps WHERE camera_id = :camera AND started_at < :to
                         AND (ended_at IS NULL OR ended_at > :from) ORDER BY started_at, id""")
                .bind("camera", cameraId).bind("from", time(from)).bind("to", time(to))
                .mapTo(RecordingGap.class)
                .list());
    }

    /** Gaps still open (the engine stopped while they lasted): closed at start-up. */
    public List<RecordingGap> openGaps() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM recording_gaps WHERE ended_at IS NULL")
                .mapTo(RecordingGap.class)
                .list());
    }

    private static String cut(String detail) {
        return detail == null || detail.length() <= 500 ? detail : detail.substring(0, 499) + "…";
    }
}
