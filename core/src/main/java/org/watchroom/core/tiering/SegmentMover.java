package org.watchroom.core.tiering;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.settings.ArchiveFolder;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.store.StorageFailures;

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
 * <p>Thread-safety: one pass at a time, on one thread (the engine runs passes on a virtual thread of its own, never on
 * a camera's); the row steps run on {@code rows}.
 */
public final class SegmentMover {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentMover.class);
    /** The suffix of a copy being written; it becomes the segment's file only once verified. */
    public static final String PART = ".part";
    static final long GRACE_BYTES = 2L << 30;
    private static final int PAGE = 50;
    private static final Duration ROW_WAIT = Duration.ofSeconds(60);
    private static final Duration LOG_AGAIN = Duration.ofMinutes(10);

    private final SegmentStore segments;
    private final Path recordings;
    private final Executor rows;
    private final Duration grace;
    private final Clock clock;
    /** Originals whose row moved, oldest first; added to on the rows' thread, taken from on the pass thread. */
    private final ConcurrentLinkedQueue<Original> originals = new ConcurrentLinkedQueue<>();
    // pass thread only
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    private boolean swept;
    private String lastLogged;
    private Instant lastLoggedAt = Instant.MIN;

    private record Original(Path path, long bytes, Instant movedAt) {
    }

    /** Why one segment did not move. */
    private sealed interface Outcome {
        record Moved(long bytes) implements Outcome { }

        /** The row went (retention) or changed meanwhile: nothing to do, nothing wrong. */
        record Gone() implements Outcome { }

        /** This segment cannot move now; others may. */
        record SegmentFailed(String problem, Throwable cause) implements Outcome { }

        /** The archive cannot take anything now. */
        record ArchiveFailed(String problem, Throwable cause) implements Outcome { }

        /** The row step was not taken or not done in time (the database is busy or failing). */
        record RowsBusy(String problem) implements Outcome { }
    }

    private enum Relocation { MOVED, GONE }

    /**
     * @param recordings the data folder's recordings (where segments are recorded)
     * @param rows       where the row step runs (the engine's event writer); {@link RejectedExecutionException} when it
     *                   refuses
     * @param grace      how long an original stays after its row moved
     */
    public SegmentMover(Database database, Path recordings, Executor rows, Duration grace, Clock clock) {
        this.segments = new SegmentStore(database);
        this.recordings = recordings.toAbsolutePath().normalize();
        this.rows = Objects.requireNonNull(rows);
        this.grace = Objects.requireNonNull(grace);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * One pass: the originals whose grace is over go, then every closed segment that ended at least {@code after}
     * ago moves to {@code archive}, oldest first, until none is left, the archive fails or {@code stop} says so.
     */
    public MoveSummary run(ArchiveFolder archive, Duration after, BooleanSupplier stop) {
        Tally t = new Tally();
        Optional<String> unusable = archive.problem().or(() -> sameAsRecordings(archive));
        if (unusable.isPresent()) {
            String problem = "The archive folder cannot be used: " + unusable.get()
                    + "; segments stay in the recordings folder and are moved when it can";
            t.fail(problem, null); // a state found, not an exception caught
            t.archiveProblem = problem;
            deleteOriginals(t, false);
            return t.summary(originals.size());
        }
        deleteOriginals(t, false);
        if (!swept) {
            sweepLeftovers(archive, after, t);
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
                    case Outcome.Moved m -> {
                        t.moved++;
                        t.bytes += m.bytes();
                        if (s.cameraId() != null) {
                            t.cameras.add(s.cameraId());
                        }
                    }
                    case Outcome.Gone g -> { }
                    case Outcome.SegmentFailed f -> {
                        skip++; // it stays in front; the next pass tries again
                        t.fail(f.problem(), f.cause());
                    }
                    case Outcome.ArchiveFailed f -> {
                        t.fail(f.problem(), f.cause());
                        t.archiveProblem = f.problem();
                        break pass;
                    }
                    case Outcome.RowsBusy b -> {
                        LOG.info("Archive: {}; the next pass goes on", b.problem());
                        break pass;
                    }
                }
                deleteOriginals(t, false);
            }
        }
        deleteOriginals(t, false);
        return t.summary(originals.size());
    }

    /** Deletes every original still waiting, whatever its grace (the engine stopping: nothing reads them any more). */
    public int flushOriginals() {
        Tally t = new Tally();
        deleteOriginals(t, true);
        return t.originalsDeleted;
    }

    private Optional<String> sameAsRecordings(ArchiveFolder archive) {
        Path target = archive.recordings();
        if (target.startsWith(recordings) || recordings.startsWith(target)) {
            return Optional.of("its recordings folder " + target + " is, holds or lies in the data folder's own, "
                    + recordings);
        }
        return Optional.empty();
    }

    private Outcome move(Segment s, ArchiveFolder archive) {
        Path source = Path.of(s.path());
        Path target = archive.recordings().resolve(recordings.relativize(source)).normalize();
        if (!target.startsWith(archive.recordings())) {
            return new Outcome.SegmentFailed("Segment " + s.id() + " (" + source + ") has a path that does not map into "
                    + "the archive", null);
        }
        Path part = target.resolveSibling(target.getFileName() + PART);
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            return archiveFailed(s, "cannot create the folder " + target.getParent(), e);
        }
        Outcome copied = copy(s, source, part);
        if (copied != null) {
            deleteQuietly(part);
            return copied;
        }
        String copySha;
        try {
            copySha = Sha256.of(part);
        } catch (IOException e) {
            deleteQuietly(part);
            return archiveFailed(s, "its copy cannot be read back from the archive", e);
        }
        if (!copySha.equals(s.sha256())) {
            deleteQuietly(part);
            return archiveFailed(s, "its copy reads back with another SHA-256 (" + abbreviate(copySha) + ", recorded "
                    + abbreviate(s.sha256()) + "): the archive did not keep the bytes written; refused", null);
        }
        try {
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncFolder(target.getParent());
        } catch (IOException e) {
            deleteQuietly(part);
            return archiveFailed(s, "its verified copy cannot be put in place as " + target, e);
        }
        return relocate(s, source, target);
    }

    /** Copies {@code source} to {@code part} while hashing it, then fsyncs; null when that went well. */
    private Outcome copy(Segment s, Path source, Path part) {
        MessageDigest digest = sha256();
        long total = 0;
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                while (true) {
                    buffer.clear();
                    int n;
                    try {
                        n = in.read(buffer);
                    } catch (IOException e) {
                        return segmentFailed(s, "its original cannot be read", e);
                    }
                    if (n < 0) {
                        break;
                    }
                    buffer.flip();
                    digest.update(buffer.duplicate());
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    total += n;
                }
                out.force(true);
            }
        } catch (NoSuchFileException e) {
            if (source.equals(e.getFile() == null ? null : Path.of(e.getFile()))) {
                return gone(s).orElseGet(() -> segmentFailed(s, "its original is missing", e));
            }
            return archiveFailed(s, "cannot write its copy " + part, e);
        } catch (IOException e) {
            // opening the source is the only source step left here; everything else wrote to the archive
            if (!Files.isReadable(source)) {
                return gone(s).orElseGet(() -> segmentFailed(s, "its original cannot be read", e));
            }
            return archiveFailed(s, "cannot write its copy " + part, e);
        }
        String sourceSha = HexFormat.of().formatHex(digest.digest());
        if (!sourceSha.equals(s.sha256()) || (s.bytes() != null && total != s.bytes())) {
            return segmentFailed(s, "its original on the recording disk is not what was recorded (" + total + " bytes, "
                    + "SHA-256 " + abbreviate(sourceSha) + "; recorded " + s.bytes() + " bytes, " + abbreviate(s.sha256())
                    + "): altered or damaged, it is not archived and stays where it is ('watchroom recordings verify' "
                    + "names it)", null);
        }
        return null;
    }

    /** The row step, on {@code rows}; waits for it. */
    private Outcome relocate(Segment s, Path source, Path target) {
        CompletableFuture<Relocation> done = new CompletableFuture<>();
        Runnable step = () -> {
            try {
                Relocation r;
                if (segments.relocate(s.id(), source, target, s.sha256())) {
                    r = Relocation.MOVED;
                } else if (segments.find(s.id()).map(now -> Path.of(now.path()).equals(target)).orElse(false)) {
                    r = Relocation.MOVED; // the step ran before and was retried after a storage failure
                } else {
                    deleteQuietly(target); // its row went (retention) or changed: the copy is nobody's
                    r = Relocation.GONE;
                }
                if (r == Relocation.MOVED) {
                    originals.add(new Original(source, s.bytes() == null ? 0 : s.bytes(), clock.instant()));
                }
                done.complete(r);
            } catch (RuntimeException e) {
                if (!StorageFailures.isStorageFailure(e)) {
                    done.completeExceptionally(e); // the writer skips it; a storage failure is retried there
                }
                throw e;
            }
        };
        try {
            rows.execute(step);
        } catch (RejectedExecutionException e) {
            return new Outcome.RowsBusy("the database did not take the row of segment " + s.id() + " (" + e.getMessage()
                    + "); its verified copy waits in the archive");
        }
        try {
            return switch (done.get(ROW_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                case MOVED -> new Outcome.Moved(s.bytes() == null ? 0 : s.bytes());
                case GONE -> new Outcome.Gone();
            };
        } catch (TimeoutException e) {
            // the step may still run: it then moves the row and queues the original itself
            return new Outcome.RowsBusy("the row of segment " + s.id() + " was not written within "
                    + ROW_WAIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            return segmentFailed(s, "its row could not be pointed at the archive", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.RowsBusy("stopped while the row of segment " + s.id() + " was written");
        }
    }

    /** Empty when the row is still there as listed (a real failure); a "gone" outcome when it went meanwhile. */
    private Optional<Outcome> gone(Segment s) {
        Optional<Segment> now = segments.find(s.id());
        return now.isPresent() && now.get().path().equals(s.path()) ? Optional.empty()
                : Optional.of(new Outcome.Gone());
    }

    /** Deletes the originals whose grace is over (all of them when {@code all}), or while too many bytes wait. */
    private void deleteOriginals(Tally t, boolean all) {
        Instant now = clock.instant();
        long waiting = originals.stream().mapToLong(Original::bytes).sum();
        int tries = originals.size();
        Original o;
        while (tries-- > 0 && (o = originals.peek()) != null) {
            boolean due = all || !o.movedAt().plus(grace).isAfter(now) || waiting > GRACE_BYTES;
            if (!due) {
                break;
            }
            originals.poll();
            waiting -= o.bytes();
            try {
                Files.deleteIfExists(o.path());
                t.originalsDeleted++;
            } catch (IOException e) {
                LOG.warn("Archive: the original {} of a moved segment cannot be deleted; tried again at the next pass",
                        o.path(), e);
                originals.add(o);
            }
        }
    }

    /**
     * After a crash between a row's move and its original's deletion: a file in the recordings folder, old enough to
     * have moved, with no row, whose twin in the archive has a row with the same size and SHA-256 is that original.
     */
    private void sweepLeftovers(ArchiveFolder archive, Duration after, Tally t) {
        Instant old = clock.instant().minus(after);
        if (!Files.isDirectory(recordings)) {
            return;
        }
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> files = Files.walk(recordings)) {
            files.filter(p -> p.getFileName().toString().endsWith(".mp4")).forEach(p -> {
                try {
                    if (Files.isRegularFile(p) && !Files.getLastModifiedTime(p).toInstant().isAfter(old)) {
                        candidates.add(p);
                    }
                } catch (IOException e) {
                    LOG.debug("Archive: cannot look at {}", p, e);
                }
            });
        } catch (IOException | RuntimeException e) {
            LOG.warn("Archive: cannot look for originals left by an earlier run in {}", recordings, e);
            return;
        }
        for (Path file : candidates) {
            if (segments.findByPath(file).isPresent()) {
                continue; // an ordinary segment, not moved yet
            }
            Path twin = archive.recordings().resolve(recordings.relativize(file));
            Optional<Segment> moved = segments.findByPath(twin);
            try {
                if (moved.isPresent() && moved.get().bytes() != null && Files.size(file) == moved.get().bytes()
                        && Sha256.of(file).equals(moved.get().sha256())) {
                    Files.delete(file);
                    t.originalsDeleted++;
                    LOG.info("Archive: deleted {}, the original of segment {} left behind when Watchroom stopped "
                            + "after moving it", file, moved.get().id());
                }
            } catch (IOException e) {
                LOG.warn("Archive: cannot check or delete {}, which looks like the original of a moved segment",
                        file, e);
            }
        }
    }

    private Outcome segmentFailed(Segment s, String what, Throwable cause) {
        return new Outcome.SegmentFailed(describe(s, what, cause), cause);
    }

    private Outcome archiveFailed(Segment s, String what, Throwable cause) {
        return new Outcome.ArchiveFailed(describe(s, what, cause), cause);
    }

    private static String describe(Segment s, String what, Throwable cause) {
        return "Segment " + s.id() + " of '" + s.cameraName() + "' from " + s.startedAt() + " was not archived: " + what
                + (cause == null ? "" : " (" + cause + ")");
    }

    private static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Windows cannot open a folder as a channel; there the rename is as durable as the platform makes it
            LOG.debug("Cannot fsync folder {}", folder, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Archive: cannot delete {}", file, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static String abbreviate(String sha) {
        return sha == null ? "(none)" : sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }

    /** A pass's counts. Pass thread only. */
    private final class Tally {
        int moved;
        long bytes;
        int failures;
        final List<String> problems = new ArrayList<>();
        String archiveProblem;
        int originalsDeleted;
        final Set<Long> cameras = new TreeSet<>();

        /** Counts and logs a failure: with its throwable at WARN when it is news, else at DEBUG (a pass a minute). */
        void fail(String problem, Throwable cause) {
            failures++;
            problems.add(problem);
            Instant now = clock.instant();
            String kind = problem.replaceAll("Segment \\d+ of '.*' from \\S+ ", "");
            if (!kind.equals(lastLogged) || !now.isBefore(lastLoggedAt.plus(LOG_AGAIN))) {
                LOG.warn("Archive: {}", problem, cause);
                lastLogged = kind;
                lastLoggedAt = now;
            } else {
                LOG.debug("Archive: {}", problem, cause);
            }
        }

        MoveSummary summary(int waiting) {
            return new MoveSummary(moved, bytes, failures, problems, archiveProblem, originalsDeleted, waiting,
                    cameras);
        }
    }
}
