package org.watchroom.core.record;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A finished segment file, as the {@link SegmentRecorder} reports it.
 *
 * <p>Thread-safety: immutable.
 *
 * @param path         the fragmented MP4
 * @param startedAt    wall time of its first keyframe; a packet's wall time is {@code startedAt} + its DTS in the file
 * @param duration     media time from its first keyframe to where the next segment starts (or to the end of its
 *                     last frame when no segment follows at once)
 * @param bytes        file size
 * @param sha256       lower-case hex SHA-256 of the file
 * @param codec        FFmpeg name of the video codec in the file
 * @param streamCopied false when the camera's codec had to be re-encoded
 * @param packets      video packets written into it
 */
public record SegmentInfo(Path path, Instant startedAt, Duration duration, long bytes, String sha256, String codec,
                          boolean streamCopied, long packets) {

    /** Wall time its last frame ends: where the next segment starts when they join. */
    public Instant endedAt() {
        return startedAt.plus(duration);
    }
}
