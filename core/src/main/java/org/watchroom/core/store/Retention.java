package org.watchroom.core.store;

import static org.watchroom.core.store.internal.Columns.time;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Operator;

/**
 * Deletes old footage: first clips and events older than the policy's age, then the oldest clips until the
 * closed clips fit the quota. Held events (confirmed events are held until {@link #release released}) and the
 * clips that cover them are never deleted; open clips (still being written) neither. Each deleted clip and
 * event gets an audit row in the same transaction as its row deletion.
 *
 * <p>A clip's file is deleted inside the transaction that deletes its row, after locking the events it covers:
 * a crash in between leaves a row whose file is missing (counted and cleaned up on the next run), never an
 * orphan file nobody knows about, and a file that cannot be deleted keeps its row so the next run tries again.
 *
 * <p>Thread-safety: safe from any thread, but run one retention pass at a time (e.g. from one scheduler); two
 * concurrent passes would both try the same files.
 */
public final class Retention {
    /** The actor of retention's audit rows. */
    public static final String ACTOR = "system:retention";

    private static final String NOT_HELD = """
            NOT EXISTS (SELECT 1 FROM clip_events ce JOIN events e ON e.id = ce.event_id
                        WHERE ce.clip_id = c.id AND e.hold = TRUE)""";

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final ReviewStore reviews;

    public Retention(Database database) {
        this.jdbi = database.jdbi();
        this.audit = new AuditLog(jdbi);
        this.reviews = new ReviewStore(database);
    }

    /** Runs the policy as of now. */
    public RetentionSummary run(RetentionPolicy policy) {
        return run(policy, Instant.now());
    }

    /** Runs the policy as of {@code now} (tests pass a fixed time). */
    public RetentionSummary run(RetentionPolicy policy, Instant now) {
        Tally t = new Tally();
        if (policy.maxAgeDays() > 0) {
            Instant cutoff = now.minus(Duration.ofDays(policy.maxAgeDays()));
            String reason = "older than " + policy.maxAgeDays() + " days";
            for (Candidate c : clips("c.started_at < :cutoff", cutoff)) {
                deleteClip(c, reason, t);
            }
            t.keptForHold += heldClips("c.started_at < :cutoff", cutoff);
            List<Long> old = jdbi.withHandle(h -> h.createQuery("""
                            SELECT id FROM events WHERE started_at < :cutoff AND hold = FALSE AND ended_at IS NOT NULL
                            ORDER BY started_at, id""")
                    .bind("cutoff", time(cutoff)).mapTo(Long.class).list());
            for (long id : old) {
                deleteEvent(id, reason, t);
            }
        }
        if (policy.quotaBytes() > 0) {
            long total = new ClipStore(jdbi).totalBytes();
            if (total > policy.quotaBytes()) {
                String reason = "over the disk quota of " + policy.quotaBytes() + " bytes";
                for (Candidate c : clips("TRUE", null)) {
                    if (total <= policy.quotaBytes()) {
                        break;
                    }
                    if (deleteClip(c, reason, t)) {
                        total -= c.bytes();
                    }
                }
                if (total > policy.quotaBytes()) {
                    t.keptForHold += heldClips("TRUE", null);
                }
            }
        }
        return new RetentionSummary(t.clips, t.bytes, t.events, t.missing, t.keptForHold, t.failures,
                new ClipStore(jdbi).totalBytes());
    }

    /** Releases an event's evidence hold so that retention may delete it; audited as {@code event.release}. */
    public Event release(long eventId, Operator by) {
        return reviews.release(eventId, by, "evidence hold released");
    }

    private record Candidate(long id, String path, long bytes, String sha256) {
    }

    private static final class Tally {
        int clips;
        long bytes;
        int events;
        int missing;
        int keptForHold;
        final List<String> failures = new ArrayList<>();
    }

    /** Closed, unheld clips matching {@code condition}, oldest first. */
    private List<Candidate> clips(String condition, Instant cutoff) {
        return jdbi.withHandle(h -> {
            var q = h.createQuery("SELECT c.id, c.path, COALESCE(c.bytes, 0) AS bytes, c.sha256 FROM clips c WHERE c.closed_at IS NOT NULL AND "
                    + condition + " AND " + NOT_HELD + " ORDER BY c.started_at, c.id");
            if (cutoff != null) {
                q.bind("cutoff", time(cutoff));
            }
            return q.map((rs, ctx) -> new Candidate(rs.getLong("id"), rs.getString("path"), rs.getLong("bytes"),
                    rs.getString("sha256"))).list();
        });
    }

    private int heldClips(String condition, Instant cutoff) {
        return jdbi.withHandle(h -> {
            var q = h.createQuery("SELECT COUNT(*) FROM clips c WHERE c.closed_at IS NOT NULL AND " + condition
                    + " AND NOT " + NOT_HELD);
            if (cutoff != null) {
                q.bind("cutoff", time(cutoff));
            }
            return q.mapTo(Integer.class).one();
        });
    }

    private boolean deleteClip(Candidate c, String reason, Tally t) {
        Optional<Boolean> removed = jdbi.inTransaction(h -> {
            // Lock the clip's events so that an operator cannot confirm or hold one of them between this check and
            // the deletion; a review waits for this short transaction instead.
            h.execute("SET LOCK_TIMEOUT 10000");
            List<Boolean> holds = h.createQuery("SELECT hold FROM events WHERE id IN "
                            + "(SELECT event_id FROM clip_events WHERE clip_id = :id) FOR UPDATE")
                    .bind("id", c.id()).mapTo(Boolean.class).list();
            if (holds.contains(true)) {
                return Optional.<Boolean>empty();
            }
            Optional<Boolean> deleted = deleteFile(c.path(), t);
            if (deleted.isEmpty()) {
                return deleted;
            }
            h.createUpdate("DELETE FROM clips WHERE id = :id").bind("id", c.id()).execute();
            audit.append(h, ACTOR, "clip.delete", Clip.subject(c.id()), reason + "; " + c.path() + "; " + c.bytes()
                    + " bytes; sha256 " + c.sha256() + (deleted.get() ? "" : "; file was already missing"));
            return deleted;
        });
        removed.ifPresent(existed -> {
            t.clips++;
            t.bytes += c.bytes();
            if (!existed) {
                t.missing++;
            }
        });
        return removed.isPresent();
    }

    private void deleteEvent(long id, String reason, Tally t) {
        // Row first, pictures after commit: if a hold arrives first the pictures stay; a crash in between leaves
        // orphan picture files, which is the lesser harm.
        List<String> files = jdbi.inTransaction(h -> {
            List<String> paths = new ArrayList<>(h.createQuery(
                            "SELECT crop_path FROM detections WHERE event_id = :id AND crop_path IS NOT NULL")
                    .bind("id", id).mapTo(String.class).list());
            h.createQuery("SELECT snapshot_path FROM events WHERE id = :id AND snapshot_path IS NOT NULL")
                    .bind("id", id).mapTo(String.class).findOne().ifPresent(paths::add);
            int rows = h.createUpdate("DELETE FROM events WHERE id = :id AND hold = FALSE").bind("id", id).execute();
            if (rows == 0) {
                return null;
            }
            audit.append(h, ACTOR, "event.delete", Event.subject(id), reason);
            return paths;
        });
        if (files != null) {
            t.events++;
            files.forEach(f -> deleteFile(f, t));
        }
    }

    /** Empty when the file could not be deleted (recorded in failures); true when deleted, false when missing. */
    private static Optional<Boolean> deleteFile(String path, Tally t) {
        try {
            return Optional.of(Files.deleteIfExists(Path.of(path)));
        } catch (IOException | RuntimeException e) {
            t.failures.add("Cannot delete " + path + ": " + e);
            return Optional.empty();
        }
    }
}
