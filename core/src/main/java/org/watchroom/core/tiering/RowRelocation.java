package org.watchroom.core.tiering;

import static org.watchroom.core.tiering.MoveOutcome.segmentFailed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.store.StorageFailures;

/**
 * Points a segment's row at its verified copy in the archive ({@link SegmentStore#relocate}: the hash chain is
 * unchanged, the bytes are the same), in a step given to {@code rows} (the engine's event writer, where retention
 * deletes segments), so that a segment is never deleted by retention between its copy and its row update: the step
 * finds the row moved, or gone (then it deletes the copy). A moved row's original is handed to
 * {@link MovedOriginals}.
 *
 * <p>Thread-safety: {@link #relocate} is called on the pass thread, one at a time, and waits for its step; the step
 * runs on {@code rows} and shares nothing with the pass thread but the {@link MovedOriginals} queue (concurrent)
 * and the future it completes.
 */
final class RowRelocation {
    private static final Duration ROW_WAIT = Duration.ofSeconds(60);

    private enum Relocation { MOVED, GONE }

    private final SegmentStore segments;
    private final Executor rows;
    private final MovedOriginals originals;

    RowRelocation(SegmentStore segments, Executor rows, MovedOriginals originals) {
        this.segments = segments;
        this.rows = rows;
        this.originals = originals;
    }

    /** The row step of {@code s}, whose copy lies at {@code target}, on {@code rows}; waits for it. */
    MoveOutcome relocate(Segment s, Path source, Path target) {
        CompletableFuture<Relocation> done = new CompletableFuture<>();
        Runnable step = () -> {
            try {
                Relocation r;
                if (segments.relocate(s.id(), source, target, s.sha256())) {
                    r = Relocation.MOVED;
                } else if (segments.find(s.id()).map(now -> Path.of(now.path()).equals(target)).orElse(false)) {
                    r = Relocation.MOVED; // the step ran before and was retried after a storage failure
                } else {
                    SegmentCopier.deleteQuietly(target); // its row went (retention) or changed: the copy is nobody's
                    r = Relocation.GONE;
                }
                if (r == Relocation.MOVED) {
                    originals.add(source, s.bytes() == null ? 0 : s.bytes());
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
            return new MoveOutcome.RowsBusy("the database did not take the row of segment " + s.id() + " ("
                    + e.getMessage() + "); its verified copy waits in the archive");
        }
        try {
            return switch (done.get(ROW_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                case MOVED -> new MoveOutcome.Moved(s.bytes() == null ? 0 : s.bytes());
                case GONE -> new MoveOutcome.Gone();
            };
        } catch (TimeoutException e) {
            // the step may still run: it then moves the row and queues the original itself
            return new MoveOutcome.RowsBusy("the row of segment " + s.id() + " was not written within "
                    + ROW_WAIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            return segmentFailed(s, "its row could not be pointed at the archive", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new MoveOutcome.RowsBusy("stopped while the row of segment " + s.id() + " was written");
        }
    }
}
