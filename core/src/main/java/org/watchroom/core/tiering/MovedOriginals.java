package org.watchroom.core.tiering;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.settings.ArchiveFolder;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;

/**
 * The originals of moved segments, waiting in the recordings folder for their grace to end: deleted {@code grace}
 * after their row moved (a reader that listed the row just before still finds the file), or sooner when more than
 * {@value SegmentMover#GRACE_BYTES} bytes wait; and the originals a crash left behind, found by a sweep.
 *
 * <p>Thread-safety: {@link #add} may be called from any thread (the row step adds on the event writer); the rest
 * runs on the pass thread, one call at a time. The queue is a concurrent one.
 */
final class MovedOriginals {
    // the archive mover's log, as before the split
    private static final Logger LOG = LoggerFactory.getLogger(SegmentMover.class);

    private record Original(Path path, long bytes, Instant movedAt) {
    }

    private final SegmentStore segments;
    private final Path recordings;
    private final Duration grace;
    private final Clock clock;
    /** Oldest first; added to on the rows' thread, taken from on the pass thread. */
    private final ConcurrentLinkedQueue<Original> waiting = new ConcurrentLinkedQueue<>();

    MovedOriginals(SegmentStore segments, Path recordings, Duration grace, Clock clock) {
        this.segments = segments;
        this.recordings = recordings;
        this.grace = grace;
        this.clock = clock;
    }

    /** {@code original} of {@code bytes} bytes: its row moved now. */
    void add(Path original, long bytes) {
        waiting.add(new Original(original, bytes, clock.instant()));
    }

    /** How many originals wait. */
    int size() {
        return waiting.size();
    }

    /**
     * Deletes the originals whose grace is over (all of them when {@code all}), or while too many bytes wait; the
     * number deleted.
     */
    int deleteDue(boolean all) {
        int deleted = 0;
        Instant now = clock.instant();
        long bytes = waiting.stream().mapToLong(Original::bytes).sum();
        int tries = waiting.size();
        Original o;
        while (tries-- > 0 && (o = waiting.peek()) != null) {
            boolean due = all || !o.movedAt().plus(grace).isAfter(now) || bytes > SegmentMover.GRACE_BYTES;
            if (!due) {
                break;
            }
            waiting.poll();
            bytes -= o.bytes();
            try {
                Files.deleteIfExists(o.path());
                deleted++;
            } catch (IOException e) {
                LOG.warn("Archive: the original {} of a moved segment cannot be deleted; tried again at the next pass",
                        o.path(), e);
                waiting.add(o);
            }
        }
        return deleted;
    }

    /**
     * After a crash between a row's move and its original's deletion: a file in the recordings folder, old enough to
     * have moved, with no row, whose twin in the archive has a row with the same size and SHA-256 is that original.
     * Deletes those; the number deleted.
     */
    int sweepLeftovers(ArchiveFolder archive, Duration after) {
        Instant old = clock.instant().minus(after);
        if (!Files.isDirectory(recordings)) {
            return 0;
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
            return 0;
        }
        int deleted = 0;
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
                    deleted++;
                    LOG.info("Archive: deleted {}, the original of segment {} left behind when Watchroom stopped "
                            + "after moving it", file, moved.get().id());
                }
            } catch (IOException e) {
                LOG.warn("Archive: cannot check or delete {}, which looks like the original of a moved segment",
                        file, e);
            }
        }
        return deleted;
    }
}
