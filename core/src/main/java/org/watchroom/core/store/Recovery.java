package org.watchroom.core.store;

import static org.watchroom.core.store.internal.Columns.time;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.watchroom.core.audit.AuditLog;

/**
 * Start-up repair after a crash or power loss. Clip rows still open were being written when Watchroom stopped:
 * their fragmented MP4 files stay playable up to the last fragment, so only the database is fixed: size and
 * SHA-256 are taken from the file as it is, the row is closed at the file's last-modified time and marked
 * interrupted. Events still ongoing could never end normally: they are marked interrupted and ended (at their
 * clip's end, or their last detection). Each fix is audited under {@link #ACTOR}.
 *
 * <p>Thread-safety: run once at start-up, before the recorder and the event engine start; it treats every
 * open clip and ongoing event as left over from the previous run.
 */
public final class Recovery {
    public static final String ACTOR = "system:recovery";

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
        // Events without a clip (recording off, or the crash came before the clip started) are left over too.
        List<Long> orphans = jdbi.withHandle(h -> h.createQuery("SELECT id FROM events WHERE ended_at IS NULL ORDER BY id")
                .mapTo(Long.class).list());
        for (long id : orphans) {
            boolean done = jdbi.inTransaction(h -> {
                Instant last = h.createQuery("""
                                SELECT COALESCE((SELECT MAX(ts) FROM detections WHERE event_id = :id), started_at)
                                FROM events WHERE id = :id AND ended_at IS NULL""")
                        .bind("id", id).mapTo(java.time.OffsetDateTime.class).findOne()
                        .map(java.time.OffsetDateTime::toInstant).orElse(null);
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
        return new RecoverySummary(closed, missing, interrupted, problems);
    }
}
