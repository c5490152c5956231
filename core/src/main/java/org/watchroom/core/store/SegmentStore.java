package org.watchroom.core.store;

import static org.watchroom.core.store.internal.Columns.time;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code segments} table (V9): the index of continuous recording. The recorder {@link #open opens} a row when
 * it starts a file and {@link #close closes} it, with the file's hash and the previous segment's, when the file is
 * complete; a row still open at start-up was cut off by a crash and is closed by start-up recovery.
 *
 * <p>Thread-safety: safe from any thread; call it off the JavaFX thread (it does I/O).
 */
public final class SegmentStore implements SegmentLookup {
    static final String COLUMNS = "id, camera_id, camera_name, path, started_at, ended_at, duration_ms, bytes, sha256, "
            + "prev_sha256, codec, stream_copied, interrupted";
    private final Jdbi jdbi;

    public SegmentStore(Database database) {
        this.jdbi = database.jdbi();
    }

    /** Records that the recorder started writing {@code file} (stored as an absolute path). */
    public Segment open(Long cameraId, String cameraName, Path file, Instant startedAt) {
        String path = file.toAbsolutePath().normalize().toString();
        long id = jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO segments (camera_id, camera_name, path, started_at)
                        VALUES (:camera, :name, :path, :started)""")
                .bind("camera", cameraId).bind("name", cameraName).bind("path", path).bind("started", time(startedAt))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return require(id);
    }

    /** Records that the file is complete; false when the row was closed already (a retried write). */
    public boolean close(long segmentId, SegmentClose c) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE segments SET ended_at = :ended, duration_ms = :ms, bytes = :bytes, sha256 = :sha,
                               prev_sha256 = :prev, codec = :codec, stream_copied = :copied, interrupted = :interrupted
                        WHERE id = :id AND ended_at IS NULL""")
                .bind("id", segmentId).bind("ended", time(c.endedAt())).bind("ms", c.duration().toMillis())
                .bind("bytes", c.bytes()).bind("sha", c.sha256()).bind("prev", c.prevSha256())
                .bind("codec", c.codec()).bind("copied", c.streamCopied()).bind("interrupted", c.interrupted())
                .execute()) == 1;
    }

    public Optional<Segment> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM segments WHERE id = :id")
                .bind("id", id).mapTo(Segment.class).findOne());
    }

    /** The segment stored for {@code file} (compared as an absolute, normalised path), if any. */
    public Optional<Segment> findByPath(Path file) {
        String path = file.toAbsolutePath().normalize().toString();
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM segments WHERE path = :path")
                .bind("path", path).mapTo(Segment.class).findOne());
    }

    private Segment require(long id) {
        return find(id).orElseThrow(() -> new StoreException("No segment with id " + id + "."));
    }

    /** A camera's segments that hold any moment of [{@code from}, {@code to}), oldest first (open ones included). */
    @Override
    public List<Segment> list(long cameraId, Instant from, Instant to) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " " + """
                         FROM segments WHERE camera_id = :camera AND started_at < :to
                         AND (ended_at IS NULL OR ended_at > :from) ORDER BY started_at, id""")
                .bind("camera", cameraId).bind("from", time(from)).bind("to", time(to))
                .mapTo(Segment.class).list());
    }

    /**
     * A camera's segments that hold {@code at} or start after it, oldest first, at most {@code limit}: where playback
     * goes on, or lands after a gap however long. Segments are at most minutes long, so only those started in the
     * day before {@code at} are looked at for holding it (the index on the start time then serves the query).
     */
    @Override
    public List<Segment> after(long cameraId, Instant at, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " " + """
                         FROM segments WHERE camera_id = :camera AND started_at >= :floor
                         AND (ended_at IS NULL OR ended_at > :at) ORDER BY started_at, id LIMIT :limit""")
                .bind("camera", cameraId).bind("floor", time(at.minus(Duration.ofDays(1)))).bind("at", time(at))
                .bind("limit", limit).mapTo(Segment.class).list());
    }

    /** A camera's segments that start before {@code at}, newest first, at most {@code limit}: stepping back. */
    @Override
    public List<Segment> before(long cameraId, Instant at, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " " + """
                         FROM segments WHERE camera_id = :camera AND started_at < :at
                         ORDER BY started_at DESC, id DESC LIMIT :limit""")
                .bind("camera", cameraId).bind("at", time(at)).bind("limit", limit)
                .mapTo(Segment.class).list());
    }

    /** Every segment of a camera, oldest first: what verifying its hash chain walks. */
    public List<Segment> all(long cameraId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM segments WHERE camera_id = :camera ORDER BY started_at, id")
                .bind("camera", cameraId).mapTo(Segment.class).list());
    }

    /** The newest closed segment of a camera: its sha256 is the next segment's {@code prev_sha256}. */
    public Optional<Segment> lastClosed(long cameraId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " " + """
                         FROM segments WHERE camera_id = :camera AND ended_at IS NOT NULL
                         ORDER BY started_at DESC, id DESC LIMIT 1""")
                .bind("camera", cameraId).mapTo(Segment.class).findOne());
    }

    /** Rows still open: cut off by a crash when found at start-up. */
    public List<Segment> openSegments() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM segments WHERE ended_at IS NULL ORDER BY id")
                .mapTo(Segment.class).list());
    }

    /** Closed segments of a camera, oldest first, up to {@code limit}: what retention looks at. */
    public List<Segment> oldest(long cameraId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " " + """
                         FROM segments WHERE camera_id = :camera AND ended_at IS NOT NULL
                         ORDER BY started_at, id LIMIT :limit""")
                .bind("camera", cameraId).bind("limit", limit).mapTo(Segment.class).list());
    }

    /** Bytes of a camera's closed segments. */
    public long totalBytes(long cameraId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COALESCE(SUM(bytes), 0) FROM segments WHERE camera_id = :camera AND ended_at IS NOT NULL")
                .bind("camera", cameraId).mapTo(Long.class).one());
    }

    /**
     * Closed segments whose file lies under {@code folder} (the data folder's recordings) and that ended at or before
     * {@code endedBy}, oldest first: what the archive mover looks at. {@code skip} rows are passed over (those it
     * could not move in this pass stay in front).
     */
    public List<Segment> closedUnder(Path folder, Instant endedBy, int skip, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " " + """
                         FROM segments WHERE ended_at IS NOT NULL AND sha256 IS NOT NULL AND ended_at <= :ended
                         AND path LIKE :prefix ESCAPE '\\' ORDER BY started_at, id LIMIT :limit OFFSET :skip""")
                .bind("ended", time(endedBy)).bind("prefix", likePrefix(folder)).bind("limit", limit)
                .bind("skip", skip).mapTo(Segment.class).list());
    }

    /**
     * Points a segment's row at a verified copy of its file ({@code to}, absolute): the archive mover's step. Only
     * when the row still holds {@code from} and its SHA-256 is {@code sha256}; the hash chain is untouched (same
     * bytes). False when the row was deleted or changed meanwhile.
     */
    public boolean relocate(long id, Path from, Path to, String sha256) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE segments SET path = :to WHERE id = :id AND path = :from AND sha256 = :sha")
                .bind("id", id).bind("from", from.toAbsolutePath().normalize().toString())
                .bind("to", to.toAbsolutePath().normalize().toString()).bind("sha", sha256).execute()) == 1;
    }

    /** A LIKE pattern for the paths under {@code folder} (its own {@code %}, {@code _} and {@code \} escaped). */
    static String likePrefix(Path folder) {
        String dir = folder.toAbsolutePath().normalize().toString();
        String withSeparator = dir.endsWith(folder.getFileSystem().getSeparator()) ? dir
                : dir + folder.getFileSystem().getSeparator();
        return withSeparator.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Removes a segment's row (its file is the caller's); false when there was none. */
    public boolean delete(long id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM segments WHERE id = :id").bind("id", id).execute()) == 1;
    }
}
