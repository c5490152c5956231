package org.watchroom.core.playback;

import static org.watchroom.core.playback.RecordingReader.LOOKAHEAD;
import static org.watchroom.core.playback.RecordingReader.instant;
import static org.watchroom.core.playback.RecordingReader.micros;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.store.Segment;

/**
 * Finds the segment to read across boundaries: the one a seek lands in (the next recorded moment after a gap or an
 * unreadable file, the last frame before when nothing follows), the one after the current when playing on, the one
 * before when stepping back; and where in it a seek lands ({@link Landing}). Segments are opened through the
 * {@link SegmentPrefetch}, which hands over the one opened ahead when it is the one asked for.
 *
 * <p>Thread-safety: not thread-safe; confined to the player thread (as the {@link SegmentPrefetch} calls are).
 */
final class SegmentNavigator {
    // the RecordingReader log, as before the split
    private static final Logger LOG = LoggerFactory.getLogger(RecordingReader.class);

    /**
     * Where a seek lands: in {@code open} (the current segment, or one opened for the seek) at {@code target}
     * ({@code Long.MAX_VALUE}: its last frame); {@code unreadable}: why the footage of the moment asked for could not
     * be read, or null.
     */
    record Choice(OpenSegment open, long target, Landing.Kind kind, String unreadable) {
    }

    private final Recordings recordings;
    private final SegmentPrefetch prefetch;
    private final Long fromMicros;
    private final Long toMicros;

    SegmentNavigator(Recordings recordings, SegmentPrefetch prefetch, Long fromMicros, Long toMicros) {
        this.recordings = recordings;
        this.prefetch = prefetch;
        this.fromMicros = fromMicros;
        this.toMicros = toMicros;
    }

    /** Where a seek to {@code target} (within the bounds) lands, reading {@code current} now (or null); null: nowhere. */
    Choice choose(OpenSegment current, long target, Instant asked) {
        if (current != null && current.holds(target)) {
            return new Choice(current, target, Landing.Kind.EXACT, null);
        }
        List<Segment> candidates = recordings.after(asked, LOOKAHEAD);
        String unreadable = null; // why the segment that holds the moment asked for could not be opened
        for (Segment segment : candidates) {
            if (current != null && segment.id() == current.segment().id() && !current.holds(target)
                    && micros(segment.startedAt()) <= target) {
                // asked for a moment between the segment's start and its first frame: that first frame
                return new Choice(current, target, Landing.Kind.EXACT, null);
            }
            OpenSegment open = prefetch.take(segment);
            if (open == null) { // missing or damaged: the next one
                if (unreadable == null && micros(segment.startedAt()) <= target) {
                    unreadable = recordings.whyUnreadable(segment);
                }
                continue;
            }
            boolean holds = micros(segment.startedAt()) <= target;
            if (toMicros != null && open.base() > toMicros) {
                open.close();
                break;
            }
            return new Choice(open, target, holds ? Landing.Kind.EXACT : Landing.Kind.AFTER_GAP, unreadable);
        }
        for (Segment segment : recordings.before(asked, LOOKAHEAD)) {
            OpenSegment open = prefetch.take(segment);
            if (open == null) {
                continue;
            }
            if (fromMicros != null && segment.endedAt() != null && micros(segment.endedAt()) <= fromMicros) {
                open.close();
                break;
            }
            return new Choice(open, Long.MAX_VALUE, Landing.Kind.LAST_BEFORE, unreadable);
        }
        return null;
    }

    /**
     * Puts the frame of {@code choice} in hand in its segment; the landing, or null when the frame cannot be read.
     * The frame's wall time is then {@code choice.open().wall()}.
     */
    Landing land(Choice choice, Instant asked) {
        OpenSegment open = choice.open();
        long target = choice.target();
        long clip = target == Long.MAX_VALUE ? open.reader().format().durationMicros() : target - open.base();
        if (!open.reader().seek(Math.max(0, clip))) {
            return null;
        }
        long position = open.wall();
        if (toMicros != null && position > toMicros) { // the range ends inside this segment, before the frame
            open.reader().stepBack();
            position = open.wall();
        }
        Landing.Kind kind = choice.kind();
        if (kind == Landing.Kind.EXACT && target != Long.MAX_VALUE && target - position > ClipPlayer.GAP_MICROS) {
            kind = Landing.Kind.LAST_BEFORE; // past what a segment still being written holds so far
        }
        return new Landing(asked, instant(position), kind,
                kind == Landing.Kind.EXACT ? null : recordings.gapAt(asked).orElse(null),
                kind == Landing.Kind.EXACT ? null : choice.unreadable());
    }

    /**
     * The opened segment after {@code current}, read up to {@code position} (waiting for the opening ahead when it is
     * not done yet); null when nothing follows (yet).
     */
    OpenSegment following(OpenSegment current, long position) {
        Future<OpenSegment> pending = prefetch.takePending();
        if (pending == null) { // nothing was opened ahead (played on after the end): look now
            return current.segment().open() ? reopenGrowing(current, position) : prefetch.openAfter(current.segment());
        }
        try {
            OpenSegment next = pending.get();
            if (next != null) {
                return next;
            }
            // nothing followed when it was looked for; the camera may have come back since
            return current.segment().open() ? reopenGrowing(current, position) : prefetch.openAfter(current.segment());
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
    private OpenSegment reopenGrowing(OpenSegment current, long position) {
        for (Segment segment : recordings.after(instant(position + 1), LOOKAHEAD)) {
            OpenSegment open = prefetch.take(segment);
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
                    open.close();
                    continue; // nothing new written in it yet: maybe a segment after it
                }
            }
            return open;
        }
        return null;
    }

    /**
     * The segment before {@code current}, opened on its last frame before {@code was} (the frame in hand); null when
     * there is none within the bounds.
     */
    OpenSegment previous(OpenSegment current, long was) {
        for (Segment segment : recordings.before(current.segment().startedAt(), LOOKAHEAD)) {
            if (segment.id() == current.segment().id()) {
                continue;
            }
            OpenSegment open = prefetch.take(segment);
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
                open.close();
                return null;
            }
            return open;
        }
        return null;
    }
}
