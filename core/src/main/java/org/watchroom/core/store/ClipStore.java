package org.watchroom.core.store;

import static org.watchroom.core.store.internal.Columns.time;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.watchroom.core.store.internal.Columns;

/**
 * The {@code clips} and {@code clip_events} tables. The recorder {@link #open opens} a row when it starts a
 * file and {@link #close closes} it when the file is complete; a row still open at start-up was cut off by a
 * crash and is closed by {@link Recovery}.
 *
 * <p>Thread-safety: safe from any thread; call it off the JavaFX thread (it does I/O).
 */
public final class ClipStore {
    static final String COLUMNS = "c.id, c.camera_id, c.path, c.started_at, c.closed_at, c.duration_ms, c.bytes, c.sha256, "
            + "c.codec, c.stream_copied, c.fallback_reason, c.interrupted";
    private final Jdbi jdbi;

    public ClipStore(Database database) {
        this(database.jdbi());
    }

    ClipStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records that the recorder started writing {@code file} (stored as an absolute path). */
    public Clip open(Long cameraId, Path file, Instant startedAt) {
        String path = file.toAbsolutePath().normalize().toString();
        try {
            long id = jdbi.withHandle(h -> h.createUpdate(
                            "INSERT INTO clips (camera_id, path, started_at) VALUES (:camera, :path, :started)")
                    .bind("camera", cameraId).bind("path", path).bind("started", time(startedAt))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
            return require(id);
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("CLIPS_PATH")) {
                throw new StoreException("A clip for " + path + " is already recorded.", e);
            }
            throw e;
        }
    }

    /** Records that the file is complete. Closing a clip twice is an error. */
    public Clip close(long clipId, ClipClose c) {
        int rows = jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE clips SET closed_at = :closed, duration_ms = :ms, bytes = :bytes, sha256 = :sha,
                               codec = :codec, stream_copied = :copied, fallback_reason = :why
                        WHERE id = :id AND closed_at IS NULL""")
                .bind("id", clipId).bind("closed", time(c.closedAt())).bind("ms", c.duration().toMillis())
                .bind("bytes", c.bytes()).bind("sha", c.sha256()).bind("codec", c.codec())
                .bind("copied", c.streamCopied()).bind("why", c.fallbackReason()).execute());
        if (rows == 0) {
            Clip clip = require(clipId);
            throw new StoreException("Clip " + clipId + " was already closed at " + clip.closedAt() + ".");
        }
        return require(clipId);
    }

    /** Links a clip to an event it covers; linking twice is harmless. */
    public void link(long clipId, long eventId) {
        jdbi.useHandle(h -> h.createUpdate("MERGE INTO clip_events (clip_id, event_id) KEY (clip_id, event_id) VALUES (?, ?)")
                .bind(0, clipId).bind(1, eventId).execute());
    }

    public Optional<Clip> find(long clipId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM clips c WHERE c.id = :id").bind("id", clipId)
                .mapTo(Clip.class).findOne());
    }

    /** Clips still being written (or left open by a crash), oldest first. */
    public List<Clip> openClips() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM clips c WHERE c.closed_at IS NULL ORDER BY c.started_at, c.id")
                .mapTo(Clip.class).list());
    }

    /** Clips covering the event, oldest first. */
    public List<Clip> forEvent(long eventId) {
        return forEvents(List.of(eventId)).getOrDefault(eventId, List.of());
    }

    /** Clips per event for a page of events, in one query; events without clips are absent. */
    public Map<Long, List<Clip>> forEvents(Collection<Long> eventIds) {
        if (eventIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<Clip>> byEvent = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT ce.event_id, " + COLUMNS + " FROM clip_events ce "
                        + "JOIN clips c ON c.id = ce.clip_id WHERE ce.event_id IN (<ids>) ORDER BY c.started_at, c.id")
                .bindList("ids", List.copyOf(eventIds))
                .map(row -> Map.entry(row.getColumn("event_id", Long.class), row.getRow(Clip.class)))
                .forEach(e -> byEvent.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue())));
        byEvent.replaceAll((k, v) -> List.copyOf(v));
        return byEvent;
    }

    /** Bytes of all closed clips, for the disk quota. */
    public long totalBytes() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(SUM(bytes), 0) FROM clips WHERE closed_at IS NOT NULL")
                .mapTo(Long.class).one());
    }

    /** Lower-case hex SHA-256 of a file, streamed; for the recorder and recovery. */
    public static String sha256(Path file) throws IOException {
        return Columns.sha256(file);
    }

    private Clip require(long id) {
        return find(id).orElseThrow(() -> new StoreException("No clip with id " + id + "."));
    }
}
