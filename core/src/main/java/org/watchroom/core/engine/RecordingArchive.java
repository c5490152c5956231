package org.watchroom.core.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.settings.ArchiveFolder;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.store.Database;
import org.watchroom.core.tiering.MoveSummary;
import org.watchroom.core.tiering.SegmentMover;

/**
 * Runs the archive mover ({@link SegmentMover}) with the recording retention: on each of its ticks, when the setting
 * {@code recording.archive_dir} names a folder, a pass moves the segments older than
 * {@code recording.archive_after_hours} there. Passes run on a virtual thread of their own (copying and hashing
 * take seconds per segment; the event writer and the cameras never wait for them); only the row update of each
 * segment is a step on the event writer, in order with retention's deletions.
 *
 * <p>Thread-safety: {@link #tick} on the engine's ticker; {@link #status} and {@link #alert} from any thread; one
 * pass at a time.
 */
final class RecordingArchive implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingArchive.class);
    /** How long an original stays after its row moved: readers that listed it just before still find it. */
    static final Duration GRACE = Duration.ofMinutes(5);

    private final Settings settings;
    private final SegmentMover mover;
    private final EventBus bus;
    private final ExecutorService passes = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("recording-archive").factory());
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean closed;
    private final AtomicLong moved = new AtomicLong();
    private final AtomicLong movedBytes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String folder;
    private volatile long afterHours;
    private volatile String problem;
    private volatile Instant lastPass;

    RecordingArchive(Database database, EventWriter writer, Path recordings, EventBus bus) {
        this.settings = new Settings(database);
        this.bus = bus;
        this.mover = new SegmentMover(database, recordings, step -> {
            if (!writer.submit(EventWriter.Kind.MAINTENANCE, step::run)) {
                throw new RejectedExecutionException("the event writer refused it (too many writes wait, or closing)");
            }
        }, GRACE, Clock.systemUTC());
        try { // what the status says before the first pass
            folder = settings.recordingArchive().map(a -> a.dir().toString()).orElse(null);
            afterHours = settings.archiveAfter().toHours();
        } catch (RuntimeException e) {
            LOG.debug("Archive: cannot read the settings yet", e);
        }
    }

    /** Ticker: starts a pass unless one runs. */
    void tick() {
        if (closed || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            passes.execute(() -> {
                try {
                    pass();
                } catch (RuntimeException e) {
                    problem = "the archive pass failed: " + e;
                    failures.incrementAndGet();
                    LOG.error("Archive: a pass failed", e);
                } finally {
                    running.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            running.set(false); // closing
        }
    }

    private void pass() {
        Optional<ArchiveFolder> archive;
        Duration after;
        try {
            archive = settings.recordingArchive();
            after = settings.archiveAfter();
        } catch (RuntimeException e) { // the database failing: the event writer says so; try at the next tick
            LOG.debug("Archive: cannot read the settings", e);
            return;
        }
        afterHours = after.toHours();
        if (archive.isEmpty()) {
            folder = null;
            problem = null;
            if (mover.flushOriginals() > 0) {
                LOG.info("Archive: turned off; originals of segments moved before were deleted");
            }
            return;
        }
        folder = archive.get().dir().toString();
        MoveSummary summary = mover.run(archive.get(), after, () -> closed || Thread.currentThread().isInterrupted());
        moved.addAndGet(summary.moved());
        movedBytes.addAndGet(summary.bytes());
        failures.addAndGet(summary.failures());
        String was = problem;
        problem = summary.failures() == 0 ? null : summary.problems().getLast();
        lastPass = Instant.now();
        if (was != null && problem == null) {
            LOG.info("Archive: moving segments to {} works again", folder);
        }
        if (summary.moved() + summary.originalsDeleted() > 0) { // failures were logged by the mover, throttled
            LOG.info("Archive: {} segment(s) ({} MB) moved to {}, {} failure(s), {} original(s) deleted, {} waiting",
                    summary.moved(), summary.bytes() >> 20, folder, summary.failures(), summary.originalsDeleted(),
                    summary.originalsWaiting());
        }
        summary.cameras().forEach(id -> bus.publish(new WatchroomEvent.RecordingChanged(id)));
    }

    ArchiveStatus status() {
        return new ArchiveStatus(folder, afterHours, moved.get(), movedBytes.get(), failures.get(), problem, lastPass);
    }

    /** The storage alert line while moving fails, else empty. */
    Optional<String> alert() {
        String p = problem;
        return p == null || folder == null ? Optional.empty() : Optional.of("Archive failing: " + p + ".");
    }

    /**
     * Stops passes (a pass under way ends after its current segment; call it while the event writer still runs)
     * and deletes the originals still in their grace period: nothing of this engine reads them any more.
     */
    @Override
    public void close() {
        closed = true;
        passes.shutdown();
        try {
            if (!passes.awaitTermination(60, TimeUnit.SECONDS)) {
                passes.shutdownNow();
                LOG.warn("Archive: the pass did not end in time; originals of moved segments left now are deleted at "
                        + "the next start");
                return;
            }
        } catch (InterruptedException e) {
            passes.shutdownNow();
            Thread.currentThread().interrupt();
            return;
        }
        mover.flushOriginals();
    }
}
