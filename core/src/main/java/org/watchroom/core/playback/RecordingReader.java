package org.watchroom.core.playback;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Future;
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
 * <p>The parts: {@link SegmentNavigator} (which segment, across boundaries, and where a seek lands),
 * {@link SegmentPrefetch} (the segment after the current one, opened ahead), {@link OpenSegment} (one open file).
 *
 * <p>Thread-safety: one thread at a time (the player's); the opening ahead runs on a platform thread owned by the
 * reader, and its result is handed over through a {@link Future}. {@link #landing()} and {@link #segment()} may be
 * read from any thread.
 */
public final class RecordingReader implements FrameSource {
    /** Segments looked at per query: enough to step over a few missing files. */
    static final int LOOKAHEAD = 4;

    /** Hears what the reader does; called on the player thread. */
    public interface Listener {
        /** A seek landed (also the first one, at open). */
        default void landed(Landing landing) { }

        /** Another segment is being read from now on. */
        default void segmentChanged(Segment segment) { }
    }

    private final Recordings recordings;
    private final Listener listener;
    private final Long fromMicros;
    private final Long toMicros;
    private final SegmentPrefetch prefetch;
    private final SegmentNavigator navigator;
    // player thread only
    private OpenSegment current;
    private long position = -1;
    private long startMicros;
    private volatile Landing landing;
    private volatile Segment shown;

    private RecordingReader(Recordings recordings, Instant from, Instant to, Listener listener, String name) {
        this.recordings = recordings;
        this.listener = listener == null ? new Listener() { } : listener;
        this.fromMicros = from == null ? null : micros(from);
        this.toMicros = to == null ? null : micros(to);
        this.prefetch = new SegmentPrefetch(recordings, name);
        this.navigator = new SegmentNavigator(recordings, prefetch, fromMicros, toMicros);
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
            OpenSegment following = navigator.following(current, position);
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
        SegmentNavigator.Choice choice = navigator.choose(current, target, asked);
        if (choice == null) {
            return false;
        }
        if (choice.open() != current) {
            switchTo(choice.open(), false);
        }
        Landing l = navigator.land(choice, asked);
        if (l == null) {
            return false;
        }
        position = choice.open().wall();
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
        OpenSegment open = navigator.previous(current, was);
        if (open == null) {
            return false;
        }
        OpenSegment later = current;
        current = open;
        shown = open.segment();
        listener.segmentChanged(open.segment());
        prefetch.cancel();
        later.reader().seek(0); // the segment stepped out of is the one after this: keep it, at its start
        prefetch.keep(later);
        position = open.wall();
        return true;
    }

    @Override
    public void scaleInto(ByteBuffer target, int width, int height) {
        if (current != null) {
            current.reader().scaleInto(target, width, height);
        }
    }

    /** Makes {@code open} the current segment; {@code sequential}: reached by playing, not by a seek. */
    private void switchTo(OpenSegment open, boolean sequential) {
        if (current != null && current != open) {
            current.close();
        }
        if (!sequential) {
            prefetch.cancel();
        }
        current = open;
        shown = open.segment();
        listener.segmentChanged(open.segment());
        Segment after = open.segment();
        if (!after.open()) {
            prefetch.openAfterAhead(after);
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

    /**
     * The segment after the current one when it is opened already (its first frame decoded) and waiting: what
     * makes crossing into it free. Empty while it is being opened, or when nothing follows yet. Player thread.
     */
    Optional<Segment> openedAhead() {
        return prefetch.opened();
    }

    /** The segment holding the frame in hand, for the view (null before the first). */
    public Optional<Segment> currentSegment() {
        return Optional.ofNullable(shown);
    }

    @Override
    public void close() {
        prefetch.close();
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
