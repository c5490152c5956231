package org.watchroom.core.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.record.internal.MotionWindow;
import org.watchroom.core.store.RecordingGap;

/**
 * What a camera's recording writer tells its {@link SegmentRecorder.Listener}, in order: finished segments (in
 * motion mode only those with motion near them, once their pre-roll has passed; the others are deleted), discarded
 * files, and gaps, at most one open at a time. A listener that throws is logged and the recording goes on.
 *
 * <p>Thread-safety: the writer thread only.
 */
final class SegmentReports {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentRecorder.class); // the recorder's log

    private final String camera;
    private final SegmentSettings settings;
    private final Clock clock;
    private final SegmentRecorder.Listener listener;
    private final MotionWindow motion;
    private final SegmentCounters counters;
    private final ArrayDeque<SegmentInfo> undecided = new ArrayDeque<>(); // motion mode
    private RecordingGap.Reason gap; // the open gap, or null
    // the gap that the segment being written ended at its start, until that segment is kept or lost (null: none)
    private RecordingGap.Reason endedBySegment;
    private Path endingSegment;
    private Instant endedAt;

    /** {@code openGap}: a gap left open by the last run of this camera (ended where recording resumes), or null. */
    SegmentReports(String camera, SegmentSettings settings, Clock clock, SegmentRecorder.Listener listener,
                   MotionWindow motion, SegmentCounters counters, RecordingGap.Reason openGap) {
        this.camera = camera;
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
        this.motion = motion;
        this.counters = counters;
        this.gap = openGap;
    }

    /** Whether a gap is open. */
    boolean inGap() {
        return gap != null;
    }

    /**
     * The file of a segment starting at {@code startedAt} was created: the open gap, if any, ends there, unless
     * nothing of the segment is kept after all ({@link #lost}); then reported.
     */
    void segmentOpened(Path file, Instant startedAt) {
        RecordingGap.Reason ending = gap;
        endGap(startedAt);
        forgetEnding();
        if (ending != null) {
            endedBySegment = ending;
            endingSegment = file;
            endedAt = startedAt;
        }
        listener(() -> listener.segmentOpened(file, startedAt));
    }

    /** A finished segment: reported now, or, in motion mode, held until {@link #decideMotion} keeps or deletes it. */
    void segmentFinished(SegmentInfo segment) {
        if (segment.path().equals(endingSegment)) {
            forgetEnding(); // recording did resume where the gap ended
        }
        if (settings.motionOnly()) {
            undecided.addLast(segment);
        } else {
            listener(() -> listener.segmentClosed(segment));
        }
    }

    /** Motion mode: keeps or deletes the finished segments whose pre-roll has passed (all of them when stopping). */
    void decideMotion(boolean all) {
        long now = clock.millis();
        long before = settings.preRoll().toMillis();
        long after = settings.postRoll().toMillis();
        while (!undecided.isEmpty()) {
            SegmentInfo s = undecided.peekFirst();
            long end = s.endedAt().toEpochMilli();
            if (!all && now < end + before) {
                return;
            }
            undecided.pollFirst();
            if (motion.any(s.startedAt().toEpochMilli() - after, end + before)) {
                listener(() -> listener.segmentClosed(s));
            } else {
                counters.segmentsClosed.decrementAndGet();
                counters.bytesWritten.addAndGet(-s.bytes());
                discard(s.path(), "no motion in or near it");
            }
        }
    }

    /**
     * A segment nothing of which could be kept (it could not be finished): discarded; when it ended a gap at its
     * start, recording did not resume there, so that gap is reopened (until the next segment or gap ends it), and
     * the timeline has no hole where the file was.
     */
    void lost(Path file, String why) {
        discard(file, why);
        if (file.equals(endingSegment) && gap == null) {
            RecordingGap.Reason reopened = endedBySegment;
            Instant at = endedAt;
            gap = reopened;
            listener(() -> listener.gapReopened(at));
        }
        forgetEnding();
    }

    /** Deletes a segment file that is not kept, and says why. */
    void discard(Path file, String why) {
        deleteQuietly(file);
        counters.segmentsDiscarded.incrementAndGet();
        listener(() -> listener.segmentDiscarded(file, why));
    }

    void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Camera '{}': cannot delete {}", camera, file, e);
        }
    }

    /** Opens a gap of {@code reason} at {@code at}, ending another open one there; nothing when one of it is open. */
    void beginGap(RecordingGap.Reason reason, Instant at, String detail) {
        if (gap == reason) {
            return;
        }
        endGap(at);
        forgetEnding();
        gap = reason;
        listener(() -> listener.gapBegan(reason, at, detail));
    }

    void endGap(Instant at) {
        if (gap != null) {
            gap = null;
            listener(() -> listener.gapEnded(at));
        }
    }

    private void forgetEnding() {
        endedBySegment = null;
        endingSegment = null;
        endedAt = null;
    }

    private void listener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("Camera '{}': a recording listener failed", camera, e);
        }
    }
}
