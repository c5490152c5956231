package org.watchroom.core.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.watchroom.core.media.FfmpegInput;
import org.watchroom.core.store.Segment;

/**
 * Writes one MP4 of a time range of a camera's recording, by stream copy from its segments: nothing is decoded or
 * re-encoded, so an hour of 720p takes about as long as reading and writing its bytes once. The file starts at the
 * keyframe at or before {@code from} (so its first picture decodes), runs across segment boundaries with
 * continuous timestamps and ends with the last packet whose decode time is before {@code to} (plus the B-frames
 * shown before that packet, when the camera sends B-frames).
 *
 * <p>Time: a packet's wall time is its segment's {@code started_at} plus its timestamp (segments are rebased to 0).
 * Consecutive segments whose wall times join within {@link #JOIN_TOLERANCE} continue one frame after the other, so
 * the cut has no jitter at a boundary; a longer hole (the camera was offline, a segment is missing) stays a hole in
 * the file's time line, so that a moment of the file is still the same moment on the wall clock.
 *
 * <p>One MP4 track holds one stream: when the camera's stream changed (another resolution or codec after a
 * reconnect) the cut ends there and says so ({@link RangeCut#stoppedEarly()}). A segment whose file is gone or
 * unreadable is skipped and listed ({@link RangeCut#missing()}); the last fragment of a segment cut off by a crash
 * ends that segment.
 *
 * <p>The parts: {@link CutJob} (one cut: which segments, from which keyframe), {@link StartGop} (the GOP held back
 * until the start is known), {@link CutOutput} (the stream-copy muxing onto one time line), {@link CutProgress}.
 *
 * <p>Thread-safety: stateless; each call runs on the caller's thread and blocks for the I/O. Cancel through
 * {@code cancelled} (polled at every packet); a cancelled or failed cut deletes its file.
 */
public final class RangeCutter {
    /** Segments that join within this much wall time are stitched frame to frame; longer holes stay holes. */
    public static final Duration JOIN_TOLERANCE = Duration.ofSeconds(1);

    /** Told how far the cut is, in wall-clock milliseconds of the range. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void update(long doneMillis, long totalMillis);
    }

    /** Nothing of the range could be written: no segment holds it, or none of their files could be read. */
    public static final class NothingRecordedException extends IOException {
        private static final long serialVersionUID = 1L;

        public NothingRecordedException(String message) {
            super(message);
        }
    }

    private RangeCutter() {
    }

    /** {@link #cut(List, Instant, Instant, Path, Progress, BooleanSupplier)} without progress or cancel. */
    public static RangeCut cut(List<Segment> segments, Instant from, Instant to, Path file) throws IOException {
        return cut(segments, from, to, file, Progress.NONE, () -> false);
    }

    /**
     * Cuts [{@code from}, {@code to}) out of {@code segments} (one camera's, as {@code SegmentStore.list} returns
     * them: oldest first) into {@code file}, which must not exist.
     *
     * @throws NothingRecordedException when no frame of the range could be written
     * @throws CancellationException    when {@code cancelled} said so
     */
    public static RangeCut cut(List<Segment> segments, Instant from, Instant to, Path file, Progress progress,
                               BooleanSupplier cancelled) throws IOException {
        Objects.requireNonNull(progress);
        Objects.requireNonNull(cancelled);
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("The end of a range must be after its start (" + from + " … " + to + ").");
        }
        if (Files.exists(file)) {
            throw new IOException(file + " exists already");
        }
        FfmpegInput.initialise();
        CutJob job = new CutJob(from, to, file, progress, cancelled);
        boolean ok = false;
        try {
            for (Segment segment : segments) {
                if (segment.overlaps(from, to) && !job.copy(segment)) {
                    break;
                }
            }
            RangeCut cut = job.finish(segments);
            ok = true;
            return cut;
        } finally {
            job.release();
            if (!ok) {
                Files.deleteIfExists(file);
            }
        }
    }
}
