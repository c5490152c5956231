package org.watchroom.core.tiering;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.settings.ArchiveFolder;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;

/**
 * Moves closed segments older than a given age from the data folder's recordings to the archive folder (a second
 * disk or a NAS), oldest first, one at a time: copy to {@code <target>.part}, fsync, hash the copy again and compare
 * it with the row's SHA-256 (the original is hashed while it is read, too, so an original altered on the recording
 * disk is told apart from a copy the archive got wrong), rename it into place under the same relative path
 * ({@code recordings/<camera>/<day>/<hour>/<file>.mp4}) and fsync its folder; then point the row at it
 * ({@link SegmentStore#relocate}: the hash chain is unchanged, the bytes are the same); then delete the original.
 *
 * <p>The row is changed in a step given to {@code rows} (the engine's event writer, where retention deletes segments),
 * so that a segment is never deleted by retention between its copy and its row update: the step finds the row moved,
 * or gone (then it deletes the copy). Originals are deleted {@code grace} after their row moved (a reader that listed
 * the row just before, an export or a player opening the next segment, still finds the file), or sooner when more than
 * {@value #GRACE_BYTES} bytes wait; an original left by a crash is found at the first pass (its row points into the
 * archive and the bytes match) and deleted then.
 *
 * <p>Failures leave the original and its row as they were, are logged with their throwable, counted and described
 * ({@link MoveSummary}); the next pass tries again. A failure of the archive itself (not mounted, full, not writable,
 * returning other bytes than written) ends the pass; a failure of one segment (its original altered or unreadable)
 * skips that segment for this pass.
 *
 * <p>The parts: {@link SegmentCopier} (the verified copy of one file), {@link RowRelocation} (the row step),
 * {@link MovedOriginals} (the originals' grace and the sweep after a crash), {@link PassTally} (a pass's counts and
 * its failures' logging).
 *
 * <p>Thread-safety: one pass at a time, on one thread (the engine runs passes on a virtual thread of its own, never on
 * a camera's); the row steps run on {@code rows}.
 */
public final class SegmentMover {
    /** The suffix of a copy being written; it becomes the segment's file only once verified. */
    public static final String PART = ".part";
    static final long GRACE_BYTES = 2L << 30;
    private static final Logger LOG = LoggerFactory.getLogger(SegmentMover.class);
    private static final int PAGE = 50;

    private final SegmentStore segments;
    private final Path recordings;
    private final Clock clock;
    private final MovedOriginals originals;
    private final RowRelocation relocation;
    // pass thread only
    private final SegmentCopier copier;
    private final PassTally.FailureLog failureLog;
    private boolean swept;

    /**
     * @param recordings the data folder's recordings (where segments are recorded)
     * @param rows       where the row step runs (the engine's event writer); {@link RejectedExecutionException} when it
     *                   refuses
     * @param grace      how long an original stays after its row moved
     */
    public SegmentMover(Database database, Path recordings, Executor rows, Duration grace, Clock clock) {
        this.segments = new SegmentStore(database);
        this.recordings = recordings.toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock);
        this.originals = new MovedOriginals(segments, this.recordings, Objects.requireNonNull(grace), clock);
        this.relocation = new RowRelocation(segments, Objects.requireNonNull(rows), originals);
        this.copier = new SegmentCopier(segments);
        this.failureLog = new PassTally.FailureLog(clock);
    }

    /**
     * One pass: the originals whose grace is over go, then every closed segment that ended at least {@code after}
     * ago moves to {@code archive}, oldest first, until none is left, the archive fails or {@code stop} says so.
     */
    public MoveSummary run(ArchiveFolder archive, Duration after, BooleanSupplier stop) {
        PassTally t = new PassTally(failureLog);
        Optional<String> unusable = archive.problem().or(() -> sameAsRecordings(archive));
        if (unusable.isPresent()) {
            String problem = "The archive folder cannot be used: " + unusable.get()
                    + "; segments stay in the recordings folder and are moved when it can";
            t.fail(problem, null); // a state found, not an exception caught
            t.archiveProblem = problem;
            t.originalsDeleted += originals.deleteDue(false);
            return t.summary(originals.size());
        }
        t.originalsDeleted += originals.deleteDue(false);
        if (!swept) {
            t.originalsDeleted += originals.sweepLeftovers(archive, after);
            swept = true;
        }
        Instant endedBy = clock.instant().minus(after);
        int skip = 0;
        pass:
        while (!stop.getAsBoolean()) {
            List<Segment> page = segments.closedUnder(recordings, endedBy, skip, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (Segment s : page) {
                if (stop.getAsBoolean()) {
                    break pass;
                }
                switch (move(s, archive)) {
                    case MoveOutcome.Moved m -> {
                        t.moved++;
                        t.bytes += m.bytes();
                        if (s.cameraId() != null) {
                            t.cameras.add(s.cameraId());
                        }
                    }
                    case MoveOutcome.Gone g -> { }
                    case MoveOutcome.SegmentFailed f -> {
                        skip++; // it stays in front; the next pass tries again
                        t.fail(f.problem(), f.cause());
                    }
                    case MoveOutcome.ArchiveFailed f -> {
                        t.fail(f.problem(), f.cause());
                        t.archiveProblem = f.problem();
                        break pass;
                    }
                    case MoveOutcome.RowsBusy b -> {
                        LOG.info("Archive: {}; the next pass goes on", b.problem());
                        break pass;
                    }
                }
                t.originalsDeleted += originals.deleteDue(false);
            }
        }
        t.originalsDeleted += originals.deleteDue(false);
        return t.summary(originals.size());
    }

    /** Deletes every original still waiting, whatever its grace (the engine stopping: nothing reads them any more). */
    public int flushOriginals() {
        return originals.deleteDue(true);
    }

    private Optional<String> sameAsRecordings(ArchiveFolder archive) {
        Path target = archive.recordings();
        if (target.startsWith(recordings) || recordings.startsWith(target)) {
            return Optional.of("its recordings folder " + target + " is, holds or lies in the data folder's own, "
                    + recordings);
        }
        return Optional.empty();
    }

    private MoveOutcome move(Segment s, ArchiveFolder archive) {
        Path source = Path.of(s.path());
        Path target = archive.recordings().resolve(recordings.relativize(source)).normalize();
        if (!target.startsWith(archive.recordings())) {
            return new MoveOutcome.SegmentFailed("Segment " + s.id() + " (" + source + ") has a path that does not map "
                    + "into the archive", null);
        }
        MoveOutcome placed = copier.place(s, source, target);
        return placed != null ? placed : relocation.relocate(s, source, target);
    }
}
