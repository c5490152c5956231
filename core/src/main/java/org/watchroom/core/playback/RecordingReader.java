package org.watchroom.core.playback;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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
 * Reads one camera's recording frame by frame across its segments, by wall-clock time: positions are microseconds
 * since the epoch ({@link #micros(Instant)}), a frame of a segment being at {@code startedAt + pts}. While a
 * segment plays, the one after it is opened (and its first frame decoded) on a thread of its own, so crossing
 * from one file into the next costs nothing on the player's thread. A seek into a moment with no footage lands on
 * the next recorded moment and says so ({@link #landing()}); past the last footage it lands on the last frame.
 * Segments are read where their rows say (the archive folder, for those moved there).
 * Where segments overlap (with B-frames a segment's start, the DTS of its first keyframe, is a frame or two before
 * the previous one's end) the earlier one is read to its end, and no frame is ever shown twice. Segment files that
 * are missing or do not decode are skipped like a gap, and logged; a seek into one lands on the next readable moment
 * and says why the one asked for cannot be read (e.g. its archive folder cannot be reached).
 *
 * <p>Optionally bounded to [{@code from}, {@code to}] (an event's range): seeks stay inside it and reading stops
 * at its end.
 *
 * <p>Thread-safety: one thread at a time (the player's); the opening ahead runs on a platform thread owned by the
 * reader, and its result is handed over through a {@link Future}. {@link #landing()} and {@link #segment()} may be
 * read from any thread.
 */
public final class RecordingReader implements FrameSource {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingReader.class);
    /** Segments looked at per query: enough to step over a few missing files. */
    private static final int LOOKAHEAD = 4;

    /** Hears what the reader does; called on the player thread. */
    public interface Listener {
        /** A seek landed (also the first one, at open). */
        default void landed(Landing landing) { }

        /** Another segment is being read from now on. */
        default void segmentChanged(Segment segment) { }
    }

    /** An open segment: its reader, and the wall time (micros) of clip time 0. */
    private record Open(Segment segment, ClipReader reader, long base) {
        long wall() {
            return base + reader.positionMicros();
        }

        /** Whether the moment lies within this segment's frames (not before its first frame). */
        boolean holds(long micros) {
            return micros >= base && (segment.endedAt() == null || micros < micros(segment.endedAt()));
        }
    }

    private final Recordings recordings;
    private final Listener listener;
    private final Long fromMicros;
    private final Long toMicros;
    private final ExecutorService opener;
    // player thread only
    private Open current;
    private Future<Open> ahead;
    private long position = -1;
    private long startMicros;
    private volatile Landing landing;
    private volatile Segment shown;

    private RecordingReader(Recordings recordings, Instant from, Instant to, Listener listener, String name) {
        this.recordings = recordings;
        this.listener = listener == null ? new Listener() { } : listener;
        this.fromMicros = from == null ? null : micros(from);
        this.toMicros = to == null ? null : micros(to);
        this.opener = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
                .name("recording-ahead " + name).factory());
    }

    /**
     * Opens the recording at {@code at} (the next recorded moment when nothing was recorded then), within
     * [{@code from}, {@code to}] when those are given; throws {@link ClipException} when there is no footage at all.
     *
     * @param name for the thread that opens segments ahead (the camera's name)
     */
    public static RecordingReader open(Recordings recordings, Instant at, Instant from, Instant to, String name,
                                       Listener listener) {
        RecordingReader reader = new RecordingReader(recordings, from, to, listener, name);
        try {
            if (!reader.seek(micros(at))) {
                throw new ClipException("Nothing of " + name + " was recorded"
                        + (from != null ? " in this range." : " at or before that time."));
            }
            reader.startMicros = reader.clamp(micros(at));
            return reader;
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** Microseconds since the epoch: a recording's time line. */
    public static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    /** The instant of {@code micros} since the epoch. */
    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    /** Where the last seek landed; null before the first. */
    public Landing landing() { return landing; }

    /** The segment the frame in hand comes from. */
    public Segment segment() { return shown; }

    /** Wall time of the frame in hand. */
    public Instant wallTime() { return position < 0 ? null : instant(position); }

    @Override
    public ClipFormat format() { return current.reader().format(); }

    /** Wall time of the frame in hand, microseconds since the epoch. */
    @Override
    public long positionMicros() { return position; }

    /**
     * Where playing again after the end starts: where it ended, when more has been recorded since (it ended at what
     * was written then); else where the reader was opened (an event's range: its start).
     */
    @Override
    public long startMicros() {
        if (position >= 0 && (toMicros == null || position < toMicros)) {
            Instant after = instant(position + 1);
            boolean more = recordings.after(after, 3).stream()
                    .anyMatch(s -> s.endedAt() == null || s.endedAt().isAfter(after.plusMillis(100)));
            if (more) {
                return position;
            }
        }
        return startMicros;
    }

    @Override
    public boolean next() {
        if (current == null) {
            return false;
        }
        while (true) {
            if (current.reader().next()) {
                long wall = current.wall();
                if (wall <= position) {
                    continue; // shown already (the segment before this one holds it too)
                }
                if (toMicros != null && wall > toMicros) {
                    current.reader().seek(position - current.base()); // keep the last frame of the range in hand
                    return false;
                }
                position = wall;
                return true;
            }
            Open following = following();
            if (following == null) {
                return false; // the end of what is recorded (so far)
            }
            switchTo(following, true);
            long wall = current.wall(); // its first frame was decoded when it was opened
            if (wall > position && (toMicros == null || wall <= toMicros)) {
                position = wall;
                return true;
            }
            if (toMicros != null && wall > toMicros) {
                return false;
            }
        }
    }

    @Override
    public boolean seek(long micros) {
        long target = clamp(micros);
        Instant asked = instant(target);
        if (current != null && current.holds(target)) {
            return land(current, target, asked, Landing.Kind.EXACT, null);
        }
        List<Segment> candidates = recordings.after(asked, LOOKAHEAD);
        String unreadable = null; // why the segment that holds the moment asked for could not be opened
        for (Segment segment : candidates) {
            if (current != null && segment.id() == current.segment().id() && !current.holds(target)
                    && micros(segment.startedAt()) <= target) {
                // asked for a moment between the segment's start and its first frame: that first frame
                return land(current, target, asked, Landing.Kind.EXACT, null);
            }
            Open open = take(segment);
            if (open == null) { // missing or damaged: the next one
                if (unreadable == null && micros(segment.startedAt()) <= target) {
                    unreadable = recordings.whyUnreadable(segment);
                }
                continue;
            }
            boolean holds = micros(segment.startedAt()) <= target;
            if (toMicros != null && open.base() > toMicros) {
                close(open);
                break;
            }
            switchTo(open, false);
            return land(open, target, asked, holds ? Landing.Kind.EXACT : Landing.Kind.AFTER_GAP, unreadable);
        }
        for (Segment segment : recordings.before(asked, LOOKAHEAD)) {
            Open open = take(segment);
            if (open == null) {
                continue;
            }
            if (fromMicros != null && segment.endedAt() != null && micros(segment.endedAt()) <= fromMicros) {
                close(open);
                break;
            }
            switchTo(open, false);
            return land(open, Long.MAX_VALUE, asked, Landing.Kind.LAST_BEFORE, unreadable);
        }
        return false;
    }

    /**
     * Shows the frame at {@code target} in {@code open} (its last frame for {@code Long.MAX_VALUE}); {@code unreadable}:
     * why the footage of the moment asked for could not be read, or null.
     */
    private boolean land(Open open, long target, Instant asked, Landing.Kind kind, String unreadable) {
        long clip = target == Long.MAX_VALUE ? open.reader().format().durationMicros() : target - open.base();
        if (!open.reader().seek(Math.max(0, clip))) {
            return false;
        }
        position = open.wall();
        if (toMicros != null && position > toMicros) { // the range ends inside this segment, before the frame
            open.reader().stepBack();
            position = open.wall();
        }
        if (kind == Landing.Kind.EXACT && target != Long.MAX_VALUE && target - position > ClipPlayer.GAP_MICROS) {
            kind = Landing.Kind.LAST_BEFORE; // past what a segment still being written holds so far
        }
        Landing l = new Landing(asked, instant(position), kind,
                kind == Landing.Kind.EXACT ? null : recordings.gapAt(asked).orElse(null),
                kind == Landing.Kind.EXACT ? null : unreadable);
        landing = l;
        listener.landed(l);
        return true;
    }

    @Override
    public boolean stepBack() {
        if (current == null) {
            return false;
        }
        long was = position;
        if (current.reader().stepBack()) {
            position = current.wall();
            return true;
        }
        if (fromMicros != null && was <= fromMicros) {
            return false;
        }
        for (Segment segment : recordings.before(current.segment().startedAt(), LOOKAHEAD)) {
            if (segment.id() == current.segment().id()) {
                continue;
            }
            Open open = take(segment);
            if (open == null) {
                continue;
            }
            open.reader().seek(open.reader().format().durationMicros()); // its last frame
            if (open.wall() >= was) { // overlapping files: step back inside the earlier one
                while (open.wall() >= was && open.reader().stepBack()) {
                    // one frame at a time; rare (only at a boundary)
                }
            }
            if (open.wall() >= was || (fromMicros != null && open.wall() < fromMicros)) {
                close(open);
                return false;
            }
            Open later = current;
            current = open;
            shown = open.segment();
            listener.segmentChanged(open.segment());
            cancelAhead();
            later.reader().seek(0); // the segment stepped out of is the one after this: keep it, at its start
            ahead = CompletableFuture.completedFuture(later);
            position = open.wall();
            return true;
        }
        return false;
    }

    @Override
    public void scaleInto(ByteBuffer target, int width, int height) {
        if (current != null) {
            current.reader().scaleInto(target, width, height);
        }
    }

    /** The opened segment after the current one (waiting for the opening ahead when it is not done yet). */
    private Open following() {
        Future<Open> pending = ahead;
        ahead = null;
        if (pending == null) { // nothing was opened ahead (played on after the end): look now
            return current.segment().open() ? reopenGrowing() : openAfter(current.segment());
        }
        try {
            Open next = pending.get();
            if (next != null) {
                return next;
            }
            // nothing followed when it was looked for; the camera may have come back since
            return current.segment().open() ? reopenGrowing() : openAfter(current.segment());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            LOG.warn("Could not open the next segment after {}", current.segment().path(), e.getCause());
            return null;
        }
    }

    /**
     * The current segment was still being written when it was opened: open it again to read what was written
     * since, or go on with the segment after it when there is one now.
     */
    private Open reopenGrowing() {
        for (Segment segment : recordings.after(instant(position + 1), LOOKAHEAD)) {
            Open open = take(segment);
            if (open == null) {
                continue;
            }
            if (segment.id() == current.segment().id()) {
                open.reader().seek(position - open.base() + 1);
                boolean more = true;
                while (more && open.wall() <= position) {
                    more = open.reader().next();
                }
                if (!more) {
                    close(open);
                    continue; // nothing new written in it yet: maybe a segment after it
                }
            }
            return open;
        }
        return null;
    }

    /** Makes {@code open} the current segment; {@code sequential}: reached by playing, not by a seek. */
    private void switchTo(Open open, boolean sequential) {
        if (current != null && current != open) {
            close(current);
        }
        if (!sequential) {
            cancelAhead();
        }
        current = open;
        shown = open.segment();
        listener.segmentChanged(open.segment());
        Segment after = open.segment();
        if (!after.open()) {
            ahead = opener.submit(() -> openAfter(after));
        }
    }

    /** On the opening thread: the first segment after {@code segment} that opens, or null when there is none yet. */
    private Open openAfter(Segment segment) {
        for (Segment next : recordings.after(segment.endedAt(), LOOKAHEAD)) {
            if (next.id() == segment.id() || !next.startedAt().isAfter(segment.startedAt())) {
                continue;
            }
            Open open = openSegment(next);
            if (open != null) {
                return open;
            }
        }
        return null;
    }

    /** {@code segment} opened: the one prefetched when it is that one, else opened here. */
    private Open take(Segment segment) {
        Future<Open> pending = ahead;
        if (pending != null && pending.isDone()) {
            try {
                Open open = pending.get();
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
        return openSegment(segment);
    }

    private static Open openSegment(Segment segment) {
        try {
            ClipReader reader = ClipReader.open(Path.of(segment.path()));
            return new Open(segment, reader, micros(segment.startedAt()) + reader.startOffsetMicros());
        } catch (RuntimeException e) { // ClipException: missing or damaged; anything else: a bug, with its trace
            LOG.warn("Segment {} of {} cannot be played, skipped", segment.id(), segment.cameraName(), e);
            return null;
        }
    }

    private void cancelAhead() {
        Future<Open> pending = ahead;
        ahead = null;
        if (pending != null) {
            opener.execute(() -> { // after the opening under way: close what it opened
                try {
                    Open open = pending.get();
                    if (open != null) {
                        close(open);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    // nothing was opened
                }
            });
        }
    }

    private long clamp(long micros) {
        long t = micros;
        if (fromMicros != null && t < fromMicros) {
            t = fromMicros;
        }
        if (toMicros != null && t > toMicros) {
            t = toMicros;
        }
        return t;
    }

    private static void close(Open open) {
        open.reader().close();
    }

    /**
     * The segment after the current one when it is opened already (its first frame decoded) and waiting: what
     * makes crossing into it free. Empty while it is being opened, or when nothing follows yet. Player thread.
     */
    Optional<Segment> openedAhead() {
        Future<Open> pending = ahead;
        if (pending == null || !pending.isDone()) {
            return Optional.empty();
        }
        try {
            Open open = pending.get();
            return open == null ? Optional.empty() : Optional.of(open.segment());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    /** The segment holding the frame in hand, for the view (null before the first). */
    public Optional<Segment> currentSegment() {
        return Optional.ofNullable(shown);
    }

    @Override
    public void close() {
        cancelAhead();
        opener.shutdown();
        try {
            if (!opener.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The segment opened ahead did not finish within 5 s; its decoder is left to the collector");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (current != null) {
            close(current);
            current = null;
        }
    }
}
