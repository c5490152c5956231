package org.watchroom.core.store;

import java.time.Duration;
import java.time.Instant;

/**
 * One recorded segment of a camera (a fragmented MP4 of about a minute, cut at keyframes).
 *
 * <p>Thread-safety: immutable.
 *
 * @param id          row id
 * @param cameraId    its camera, or null after the camera was removed
 * @param cameraName  the camera's name when it was recorded
 * @param path        absolute path of the file
 * @param startedAt   wall time of its first frame
 * @param endedAt     wall time its last frame ends, or null while it is written
 * @param duration    media time in it, or null while it is written
 * @param bytes       file size, or null while it is written
 * @param sha256      SHA-256 of the file (hex), or null while it is written
 * @param prevSha256  the previous segment's sha256 for this camera (64 zeros for the first): the hash chain
 * @param codec       video codec name, or null while it is written
 * @param streamCopied false when the camera's codec had to be re-encoded
 * @param interrupted closed by start-up recovery after a crash, not by the recorder
 */
public record Segment(long id, Long cameraId, String cameraName, String path, Instant startedAt, Instant endedAt,
                      Duration duration, Long bytes, String sha256, String prevSha256, String codec,
                      boolean streamCopied, boolean interrupted) {

    /** The chain's start: what the first segment of a camera names as its predecessor. */
    public static final String NO_PREVIOUS = "0".repeat(64);

    /** Whether the recorder is still writing it. */
    public boolean open() {
        return endedAt == null;
    }

    /** Whether it holds any moment of [{@code from}, {@code to}). */
    public boolean overlaps(Instant from, Instant to) {
        Instant end = endedAt == null ? Instant.MAX : endedAt;
        return startedAt.isBefore(to) && end.isAfter(from);
    }
}
