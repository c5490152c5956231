package org.watchroom.core.playback;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.store.Segment;

/**
 * The segment after the one being read, opened (and its first frame decoded) ahead on a platform thread of its own,
 * so that crossing from one file into the next costs nothing on the player's thread; closed when a seek makes it
 * useless.
 *
 * <p>Thread-safety: called on the player thread only, one call at a time; the opening runs on the owned
 * {@code recording-ahead} thread and its result is handed over through a {@link Future}.
 */
final class SegmentPrefetch {
    // the RecordingReader log, as before the split
    private static final Logger LOG = LoggerFactory.getLogger(RecordingReader.class);

    private final Recordings recordings;
    private final ExecutorService opener;
    // player thread only
    private Future<OpenSegment> ahead;

    SegmentPrefetch(Recordings recordings, String name) {
        this.recordings = recordings;
        this.opener = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
                .name("recording-ahead " + name).factory());
    }

    /** Starts opening the first segment after {@code segment} on the opening thread. */
    void openAfterAhead(Segment segment) {
        ahead = opener.submit(() -> openAfter(segment));
    }

    /** Keeps {@code open} (already opened) as the segment ahead. */
    void keep(OpenSegment open) {
        ahead = CompletableFuture.completedFuture(open);
    }

    /** The opening ahead, taken (null when there is none): the caller waits for it. */
    Future<OpenSegment> takePending() {
        Future<OpenSegment> pending = ahead;
        ahead = null;
        return pending;
    }

    /** The first segment after {@code segment} that opens, or null when there is none yet. Any thread. */
    OpenSegment openAfter(Segment segment) {
        for (Segment next : recordings.after(segment.endedAt(), RecordingReader.LOOKAHEAD)) {
            if (next.id() == segment.id() || !next.startedAt().isAfter(segment.startedAt())) {
                continue;
            }
            OpenSegment open = OpenSegment.open(next);
            if (open != null) {
                return open;
            }
        }
        return null;
    }

    /** {@code segment} opened: the one prefetched when it is that one, else opened here. */
    OpenSegment take(Segment segment) {
        Future<OpenSegment> pending = ahead;
        if (pending != null && pending.isDone()) {
            try {
                OpenSegment open = pending.get();
                if (open != null && open.segment().id() == segment.id()) {
                    ahead = null;
                    return open;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // opened again below
            }
        }
        return OpenSegment.open(segment);
    }

    /** Drops the segment ahead: closed once its opening, if under way, is done. */
    void cancel() {
        Future<OpenSegment> pending = ahead;
        ahead = null;
        if (pending != null) {
            opener.execute(() -> { // after the opening under way: close what it opened
                try {
                    OpenSegment open = pending.get();
                    if (open != null) {
                        open.close();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    // nothing was opened
                }
            });
        }
    }

    /** The segment opened ahead when it is opened already and waiting; empty while it is being opened, or none. */
    Optional<Segment> opened() {
        Future<OpenSegment> pending = ahead;
        if (pending == null || !pending.isDone()) {
            return Optional.empty();
        }
        try {
            OpenSegment open = pending.get();
            return open == null ? Optional.empty() : Optional.of(open.segment());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    /** Drops the segment ahead and stops the opening thread (waiting up to 5 s for an opening under way). */
    void close() {
        cancel();
        opener.shutdown();
        try {
            if (!opener.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The segment opened ahead did not finish within 5 s; its decoder is left to the collector");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
