package org.watchroom.core.store;

import static org.watchroom.core.store.internal.Columns.time;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.watchroom.core.audit.AuditLog;

/**
 * Start-up repair after a crash or power loss. Clip rows still open were being written when Watchroom stopped:
 * their fragmented MP4 files stay playable up to the last fragment, so only the database is fixed: size and
 * SHA-256 are taken from the file as it is, the row is closed at the file's last-modified time and marked
 * interrupted. A clip file with no row at all (the recorder creates the file at once, its row is written a moment
 * later by the event writer; a crash in between) is given a row the same way and linked to the events of its camera
 * that its time covers. Events still ongoing could never end normally: they are marked interrupted and ended (at
 * their clip's end, or their last detection). Each fix is audited under {@link #ACTOR}.
 *
 * <p>Thread-safety: run once at start-up, before the recorder and the event engine start; it treats every
 * open clip and ongoing event as left over from the previous run.
 */
public final class Recovery {
    public static final String ACTOR = "system:recovery";

    /** The recorder names its files {@code <camera dir>-yyyyMMdd-HHmmss-SSS.mp4} (UTC) in {@code clips/<camera dir>}. */
    private static final Pattern CLIP_FILE =
            Pattern.compile(".*-(\\d{8}-\\d{6}-\\d{3})\\.mp4");
    private static final Pattern CAMERA_DIR = Pattern.compile("cam(\\d+)-.*");
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private Recovery() {
    }

    /** Closes left-over clips and events; returns what it did. */
    public static RecoverySummary onStartup(Database database) {
        Jdbi jdbi = database.jdbi();
        AuditLog audit = new AuditLog(jdbi);
        ClipStore clips = new ClipStore(jdbi);
        int closed = 0;
        int missing = 0;
        int interrupted = 0;
        List<String> problems = new ArrayList<>();
        for (Clip clip : clips.openClips()) {
            Path file = Path.of(clip.path());
            Long bytes;
            String sha;
            Instant end;
            try {
                if (Files.isRegularFile(file)) {
                    bytes = Files.size(file);
                    sha = ClipStore.sha256(file);
                    end = Files.getLastModifiedTime(file).toInstant();
                } else {
                    bytes = 0L;
                    sha = null;
                    end = clip.startedAt();
                    missing++;
                }
            } catch (IOException e) {
                // Leave the row open so the next start-up tries again; the clip is still listed with its event.
                problems.add("Cannot read " + file + ": " + e.getMessage());
                continue;
            }
            Instant closedAt = end.isBefore(clip.startedAt()) ? clip.startedAt() : end;
            long durationMs = Duration.between(clip.startedAt(), closedAt).toMillis();
            int events = jdbi.inTransaction(h -> {
                int rows = h.createUpdate("""
                                UPDATE clips SET closed_at = :closed, duration_ms = :ms, bytes = :bytes, sha256 = :sha,
                                       interrupted = TRUE
                                WHERE id = :id AND closed_at IS NULL""")
                        .bind("id", clip.id()).bind("closed", time(closedAt)).bind("ms", durationMs)
                        .bind("bytes", bytes).bind("sha", sha).execute();
                if (rows == 0) {
                    return -1;
                }
                audit.append(h, ACTOR, "clip.recover", Clip.subject(clip.id()), sha == null
                        ? "file " + clip.path() + " was missing; row closed empty"
                        : "closed after a crash; " + clip.path() + "; " + bytes + " bytes; sha256 " + sha);
                List<Long> ids = h.createQuery("""
                                SELECT e.id FROM events e JOIN clip_events ce ON ce.event_id = e.id
                                WHERE ce.clip_id = :clip AND e.ended_at IS NULL""")
                        .bind("clip", clip.id()).mapTo(Long.class).list();
                for (long id : ids) {
                    EventStore.markInterrupted(h, id, closedAt);
                    audit.append(h, ACTOR, "event.interrupted", Event.subject(id),
                            "ended at " + closedAt + " with clip " + clip.id() + " after a crash");
                }
                return ids.size();
            });
            if (events >= 0) {
                closed++;
                interrupted += events;
            } else if (sha == null) {
                missing--;
            }
        }
        int adopted = adoptClipsWithoutRow(database, jdbi, audit, problems);
        // Events without a clip (recording off, or the crash came before the clip started) are left over too.
        List<Long> orphans = jdbi.withHandle(h -> h.createQuery("SELECT id FROM events WHERE ended_at IS NULL ORDER BY id")
                .mapTo(Long.class).list());
        for (long id : orphans) {
            boolean done = jdbi.inTransaction(h -> {
                Instant last = h.createQuery("""
                                SELECT COALESCE((SELECT MAX(ts) FROM detections WHERE event_id = :id), started_at)
                                FROM events WHERE id = :id AND ended_at IS NULL""")
                        .bind("id", id).mapTo(OffsetDateTime.class).findOne()
                        .map(OffsetDateTime::toInstant).orElse(null);
                if (last == null) {
                    return false;
                }
                EventStore.markInterrupted(h, id, last);
                audit.append(h, ACTOR, "event.interrupted", Event.subject(id), "ended at " + last + " after a crash");
                return true;
            });
            if (done) {
                interrupted++;
            }
        }
        return new RecoverySummary(closed, missing, interrupted, problems, adopted);
    }

    private static int adoptClipsWithoutRow(Database database, Jdbi jdbi, AuditLog audit, List<String> problems) {
        Path clipsDir = database.file().getParent().resolve("clips");
        if (!Files.isDirectory(clipsDir)) {
            return 0;
        }
        Set<String> known = new HashSet<>(jdbi.withHandle(h ->
                h.createQuery("SELECT path FROM clips").mapTo(String.class).list()));
        List<Path> files;
        try (var walk = Files.walk(clipsDir, 2)) {
            files = walk.filter(Files::isRegularFile).filter(f -> CLIP_FILE.matcher(f.getFileName().toString()).matches())
                    .filter(f -> !known.contains(f.toAbsolutePath().normalize().toString())).sorted().toList();
        } catch (IOException e) {
            problems.add("Cannot look through " + clipsDir + ": " + e.getMessage());
            return 0;
        }
        int adopted = 0;
        for (Path file : files) {
            var name = CLIP_FILE.matcher(file.getFileName().toString());
            var camera = CAMERA_DIR.matcher(file.getParent().getFileName().toString());
            if (!name.matches()) {
                continue;
            }
            Long cameraId = camera.matches() ? Long.valueOf(camera.group(1)) : null;
            try {
                Instant started = Instant.from(FILE_TIME.parse(name.group(1)));
                Instant end = Files.getLastModifiedTime(file).toInstant();
                Instant closedAt = end.isBefore(started) ? started : end;
                long bytes = Files.size(file);
                String sha = ClipStore.sha256(file);
                String path = file.toAbsolutePath().normalize().toString();
                jdbi.useTransaction(h -> {
                    boolean cameraExists = cameraId != null && h.createQuery("SELECT COUNT(*) FROM cameras WHERE id = :id")
                            .bind("id", cameraId).mapTo(Integer.class).one() > 0;
                    long clipId = h.createUpdate("""
                                    INSERT INTO clips (camera_id, path, started_at, closed_at, duration_ms, bytes, sha256,
                                                       interrupted)
                                    VALUES (:camera, :path, :started, :closed, :ms, :bytes, :sha, TRUE)""")
                            .bind("camera", cameraExists ? cameraId : null).bind("path", path)
                            .bind("started", time(started)).bind("closed", time(closedAt))
                            .bind("ms", Duration.between(started, closedAt).toMillis()).bind("bytes", bytes)
                            .bind("sha", sha).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                    audit.append(h, ACTOR, "clip.adopt", Clip.subject(clipId), "a file without its row after a crash; "
                            + path + "; " + bytes + " bytes; sha256 " + sha);
                    if (cameraExists) {
                        h.createUpdate("""
                                        INSERT INTO clip_events (clip_id, event_id)
                                        SELECT :clip, id FROM events WHERE camera_id = :camera AND started_at <= :closed
                                        AND (ended_at IS NULL OR ended_at >= :started)""")
                                .bind("clip", clipId).bind("camera", cameraId).bind("started", time(started))
                                .bind("closed", time(closedAt)).execute();
                    }
                });
                adopted++;
            } catch (IOException | RuntimeException e) {
                problems.add("Cannot adopt " + file + ": " + e.getMessage());
            }
        }
        return adopted;
    }
}
