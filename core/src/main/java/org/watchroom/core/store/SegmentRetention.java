package org.watchroom.core.store;

import static org.watchroom.core.store.internal.Columns.time;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.watchroom.core.audit.AuditLog;

/**
 * Deletes old recordings, oldest first: per camera the segments older than its {@code keep_days} (or the
 * installation's default), then the oldest until its segments fit its {@code keep_size}; then, whatever the cameras'
 * limits, the oldest segments of any camera while the recordings' disk has less free space than the reserve, so that
 * recording never has to pause for space (the {@code DiskGuard} pauses it below a smaller threshold).
 *
 * <p>Footage that overlaps an event on evidence hold (confirmed events are held until released), widened by
 * {@code margin} on each side (the event's pre- and post-roll), is kept until the hold is released. Open segments
 * (being written) are never touched.
 *
 * <p>Each batch of deletions (up to {@value #BATCH} segments of one camera) is one transaction: the events that
 * overlap the batch are locked ({@code FOR UPDATE}, so that a confirm cannot slip between the check and the
 * deletion), the files are deleted, then the rows, and one audit row {@code recording.delete} names the camera,
 * the count, the time range, the bytes and the sha256 of the first and last segment deleted (where the hash
 * chain of what is left begins). A file that cannot be deleted keeps its row (the next pass tries again); a file
 * already gone is counted.
 *
 * <p>Thread-safety: safe from any thread, but run one pass at a time (the engine runs it on its event writer, so
 * deletions never race the rows of segments being written).
 */
public final class SegmentRetention {
    /** The audit actor of deletions. */
    public static final String ACTOR = "system:retention";
    static final int BATCH = 50;

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final SegmentStore segments;

    public SegmentRetention(Database database) {
        this.jdbi = database.jdbi();
        this.segments = new SegmentStore(database);
        this.audit = new AuditLog(jdbi);
    }

    /**
     * One camera's limits.
     *
     * @param keepDays  segments that ended more than this many days ago are deleted
     * @param keepBytes the camera's segments are cut to this many bytes, oldest first (null: no cap)
     */
    public record Limit(int keepDays, Long keepBytes) {
        public Limit {
            if (keepDays < 1) {
                throw new IllegalArgumentException("keep days must be at least 1");
            }
            if (keepBytes != null && keepBytes < 0) {
                throw new IllegalArgumentException("keep bytes must not be negative");
            }
        }
    }

    /**
     * The free-space reserve: {@code freeBytes} says how much is free where the recordings are now (read again
     * after each batch of deletions); below {@code reserveBytes} the oldest footage goes.
     *
     * @param frees the folders whose segment files are on that disk (deleting them frees space there); segments
     *              elsewhere (moved to an archive folder on another disk) are left to their age and size limits.
     *              Empty: every segment counts.
     */
    public record Reserve(long reserveBytes, LongSupplier freeBytes, List<Path> frees) {
        public Reserve {
            Objects.requireNonNull(freeBytes);
            frees = List.copyOf(frees);
        }

        /** A reserve that any segment's deletion helps. */
        public Reserve(long reserveBytes, LongSupplier freeBytes) {
            this(reserveBytes, freeBytes, List.of());
        }

        /** The reserve on the file system of {@code dir}, freed by deleting the segments under {@code dir}. */
        public static Reserve on(Path dir, long reserveBytes) {
            return new Reserve(reserveBytes, () -> {
                try {
                    return Files.getFileStore(dir).getUsableSpace();
                } catch (IOException e) {
                    return Long.MAX_VALUE; // cannot tell: never delete footage on a guess
                }
            }, List.of(dir));
        }
    }

    /**
     * What one pass did.
     *
     * @param deleted      segments deleted (rows and files)
     * @param bytes        their bytes
     * @param byAge        of which older than their camera's keep days
     * @param bySize       of which over their camera's keep size
     * @param byReserve    of which for the free-space reserve
     * @param keptForHold  segments that would have gone but overlap a held event
     * @param missingFiles files that were already gone
     * @param failures     files that could not be deleted (rows kept), in words
     * @param reserveMet   whether the free space is at or above the reserve after the pass
     * @param cameras      the cameras whose footage was deleted
     */
    public record Summary(int deleted, long bytes, int byAge, int bySize, int byReserve, int keptForHold,
                          int missingFiles, List<String> failures, boolean reserveMet, Set<Long> cameras) {
        public Summary {
            failures = List.copyOf(failures);
            cameras = Set.copyOf(cameras);
        }
    }

    private static final class Tally {
        final Predicate<Path> reachable;
        int deleted;
        long bytes;
        int byAge;
        int bySize;
        int byReserve;
        int keptForHold;
        int missing;
        final List<String> failures = new ArrayList<>();
        final Set<Long> cameras = new TreeSet<>();

        Tally(Predicate<Path> reachable) {
            this.reachable = reachable;
        }
    }

    /**
     * Runs once as of {@code now}.
     *
     * @param limits      per camera id; cameras not listed (and segments of removed cameras) keep {@code defaultDays}
     * @param defaultDays keep days where a camera has none of its own
     * @param reserve     the free-space reserve, or null for none
     * @param margin      how far around a held event its footage is kept
     */
    public Summary run(Map<Long, Limit> limits, int defaultDays, Reserve reserve, Duration margin, Instant now) {
        return run(limits, defaultDays, reserve, margin, now, file -> true);
    }

    /**
     * {@link #run(Map, int, Reserve, Duration, Instant)}, deleting only files that {@code reachable} says can be
     * deleted now: a segment moved to an archive folder that is not mounted keeps its row (and its footage) until
     * the archive is back, rather than being counted as already gone.
     */
    public Summary run(Map<Long, Limit> limits, int defaultDays, Reserve reserve, Duration margin, Instant now,
                       Predicate<Path> reachable) {
        Objects.requireNonNull(reachable);
        Tally t = new Tally(reachable);
        List<Long> cameras = jdbi.withHandle(h -> h.createQuery(
                "SELECT DISTINCT camera_id FROM segments WHERE camera_id IS NOT NULL ORDER BY camera_id")
                .mapTo(Long.class).list());
        for (long camera : cameras) {
            Limit limit = limits.getOrDefault(camera, new Limit(defaultDays, null));
            Instant cutoff = now.minus(Duration.ofDays(limit.keepDays()));
            t.byAge += deleteWhile(camera, margin, t, "older than " + limit.keepDays() + " days",
                    s -> !s.endedAt().isAfter(cutoff), s -> { });
            if (limit.keepBytes() != null) {
                long[] total = {segments.totalBytes(camera)};
                String reason = "over the camera's size limit of " + limit.keepBytes() + " bytes";
                t.bySize += deleteWhile(camera, margin, t, reason, s -> total[0] > limit.keepBytes(),
                        s -> total[0] -= s.bytes() == null ? 0 : s.bytes());
            }
        }
        Instant removedCutoff = now.minus(Duration.ofDays(defaultDays));
        t.byAge += deleteWhile(null, margin, t, "older than " + defaultDays + " days (camera removed)",
                s -> !s.endedAt().isAfter(removedCutoff), s -> { });
        boolean met = true;
        if (reserve != null) {
            met = reserve(reserve, margin, t);
        }
        return new Summary(t.deleted, t.bytes, t.byAge, t.bySize, t.byReserve, t.keptForHold, t.missing, t.failures,
                met, t.cameras);
    }

    /** Deletes the oldest segments of any camera while free space is under the reserve; whether it is met. */
    private boolean reserve(Reserve reserve, Duration margin, Tally t) {
        String reason = "the disk's free space is under the recording reserve of " + reserve.reserveBytes() + " bytes";
        int skip = 0; // held segments at the front, kept
        long free;
        while ((free = reserve.freeBytes().getAsLong()) < reserve.reserveBytes()) {
            long needed = reserve.reserveBytes() - free;
            int offset = skip;
            StringBuilder under = new StringBuilder();
            for (int i = 0; i < reserve.frees().size(); i++) {
                under.append(i == 0 ? " AND (" : " OR ").append("path LIKE :under").append(i).append(" ESCAPE '\\'");
            }
            if (!under.isEmpty()) {
                under.append(')');
            }
            List<Segment> page = jdbi.withHandle(h -> {
                var query = h.createQuery("SELECT " + SegmentStore.COLUMNS + " FROM segments WHERE ended_at IS NOT NULL"
                        + under + " ORDER BY started_at, id LIMIT 50 OFFSET :offset").bind("offset", offset);
                for (int i = 0; i < reserve.frees().size(); i++) {
                    query.bind("under" + i, SegmentStore.likePrefix(reserve.frees().get(i)));
                }
                return query.mapTo(Segment.class).list();
            });
            if (page.isEmpty()) {
                return false; // everything left is held or being written
            }
            List<Segment> batch = new ArrayList<>(); // one camera's, oldest first: a batch is one audit row
            long chosen = 0;
            for (Segment s : page) {
                if (!batch.isEmpty() && !Objects.equals(batch.getFirst().cameraId(), s.cameraId())) {
                    break;
                }
                if (held(s, margin)) {
                    if (batch.isEmpty()) {
                        skip++;
                        t.keptForHold++;
                        continue;
                    }
                    break;
                }
                batch.add(s);
                chosen += s.bytes() == null ? 0 : s.bytes();
                if (chosen >= needed) {
                    break; // just enough: the free space is looked at again after each batch
                }
            }
            if (batch.isEmpty()) {
                continue;
            }
            int done = deleteBatch(batch, margin, t, reason);
            t.byReserve += done;
            if (done == 0) {
                return false; // files that cannot be deleted: the next pass tries again
            }
        }
        return true;
    }

    /** Deletes one camera's closed segments, oldest first, while {@code wanted} says so; how many went. */
    private int deleteWhile(Long camera, Duration margin, Tally t, String reason, Predicate<Segment> wanted,
                            Consumer<Segment> chosen) {
        int total = 0;
        int offset = 0; // rows that stay in front (held, or their file could not be deleted)
        while (true) {
            int skip = offset;
            List<Segment> page = jdbi.withHandle(h -> h.createQuery("SELECT " + SegmentStore.COLUMNS
                            + " FROM segments WHERE " + (camera == null ? "camera_id IS NULL" : "camera_id = :camera")
                            + " AND ended_at IS NOT NULL ORDER BY started_at, id LIMIT :limit OFFSET :offset")
                    .bind("camera", camera).bind("limit", BATCH).bind("offset", skip)
                    .mapTo(Segment.class).list());
            if (page.isEmpty()) {
                return total;
            }
            List<Segment> batch = new ArrayList<>();
            boolean more = true;
            for (Segment s : page) {
                if (!wanted.test(s)) {
                    more = false;
                    break;
                }
                if (held(s, margin)) {
                    t.keptForHold++;
                    offset++;
                    continue;
                }
                chosen.accept(s);
                batch.add(s);
            }
            if (!batch.isEmpty()) {
                int done = deleteBatch(batch, margin, t, reason);
                total += done;
                offset += batch.size() - done;
            }
            if (!more || page.size() < BATCH) {
                return total;
            }
        }
    }

    /** Whether {@code s} overlaps a held event of its camera (widened by {@code margin}). */
    private boolean held(Segment s, Duration margin) {
        if (s.cameraId() == null) {
            return false;
        }
        return jdbi.withHandle(h -> heldQuery(h, s, margin, false).mapTo(Boolean.class).list().contains(true));
    }

    private static Query heldQuery(Handle h, Segment s, Duration margin, boolean lock) {
        Instant from = s.startedAt().minus(margin);
        Instant to = (s.endedAt() == null ? Instant.now() : s.endedAt()).plus(margin);
        return h.createQuery("""
                        SELECT hold FROM events WHERE camera_id = :camera AND started_at < :to
                        AND (ended_at IS NULL OR ended_at > :from)""" + (lock ? " FOR UPDATE" : ""))
                .bind("camera", s.cameraId()).bind("from", time(from)).bind("to", time(to));
    }

    /** Deletes the files and rows of {@code batch} (one camera's) in one transaction; how many went. */
    private int deleteBatch(List<Segment> batch, Duration margin, Tally t, String reason) {
        record Done(int count, long bytes, int missing, Segment first, Segment last) { }
        List<String> failures = new ArrayList<>();
        Done done = jdbi.inTransaction(h -> {
            // A confirm (which sets the hold) waits for this short transaction instead of slipping in between.
            h.execute("SET LOCK_TIMEOUT 10000");
            int count = 0;
            long bytes = 0;
            int missing = 0;
            Segment first = null;
            Segment last = null;
            for (Segment s : batch) {
                if (s.cameraId() != null && heldQuery(h, s, margin, true).mapTo(Boolean.class).list().contains(true)) {
                    continue; // held since it was chosen
                }
                boolean existed;
                try {
                    Path file = Path.of(s.path());
                    if (!t.reachable.test(file)) {
                        failures.add("Cannot delete " + s.path() + " now: its archive folder cannot be reached; the "
                                + "segment is kept until it can");
                        continue;
                    }
                    existed = Files.deleteIfExists(file);
                } catch (IOException | RuntimeException e) {
                    failures.add("Cannot delete " + s.path() + ": " + e);
                    continue;
                }
                h.createUpdate("DELETE FROM segments WHERE id = :id AND ended_at IS NOT NULL").bind("id", s.id())
                        .execute();
                count++;
                bytes += s.bytes() == null ? 0 : s.bytes();
                missing += existed ? 0 : 1;
                first = first == null ? s : first;
                last = s;
            }
            if (count > 0) {
                audit.append(h, ACTOR, "recording.delete", "camera:" + (first.cameraId() == null ? "removed"
                                : first.cameraId()),
                        reason + "; " + count + " segments of '" + first.cameraName() + "' from " + first.startedAt()
                                + " to " + last.endedAt() + "; " + bytes + " bytes; first sha256 " + first.sha256()
                                + "; last sha256 " + last.sha256() + (missing > 0 ? "; " + missing
                                + " files were already missing" : ""));
            }
            return new Done(count, bytes, missing, first, last);
        });
        t.deleted += done.count();
        t.bytes += done.bytes();
        t.missing += done.missing();
        t.failures.addAll(failures);
        if (done.count() > 0 && done.first().cameraId() != null) {
            t.cameras.add(done.first().cameraId());
        }
        return done.count();
    }
}
