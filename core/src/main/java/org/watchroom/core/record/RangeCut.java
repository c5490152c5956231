package org.watchroom.core.record;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.watchroom.core.store.Segment;

/**
 * What {@link RangeCutter} wrote: one MP4 of a time range of a camera's recording.
 *
 * <p>Thread-safety: immutable.
 *
 * @param file         the MP4 (fragmented, like a segment)
 * @param from         the requested start
 * @param to           the requested end (exclusive)
 * @param startedAt    wall time of the first frame written (the keyframe at or before {@code from}, or the first
 *                     recorded frame after it when the recording begins later)
 * @param endedAt      wall time the last frame written ends
 * @param duration     media time in the file (gaps in the recording longer than {@link RangeCutter#JOIN_TOLERANCE}
 *                     stay as time without frames, so file time and wall time agree)
 * @param bytes        file size
 * @param packets      video packets written
 * @param codec        FFmpeg name of the video codec
 * @param streamCopied true when every segment used was itself a stream copy of the camera (the cut always is)
 * @param segments     the segments the file was cut from, oldest first
 * @param missing      segments of the range whose file could not be read (deleted, unreadable), oldest first
 * @param stoppedEarly why the file ends before {@code to} although there was recording after it (the camera's
 *                     stream changed resolution or codec, which one MP4 track cannot hold), or null
 */
public record RangeCut(Path file, Instant from, Instant to, Instant startedAt, Instant endedAt, Duration duration,
                       long bytes, long packets, String codec, boolean streamCopied, List<Segment> segments,
                       List<Segment> missing, String stoppedEarly) {
    public RangeCut {
        segments = List.copyOf(segments);
        missing = List.copyOf(missing);
    }
}
