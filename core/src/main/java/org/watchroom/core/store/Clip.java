package org.watchroom.core.store;

import java.time.Duration;
import java.time.Instant;

/**
 * A recorded file as stored.
 *
 * <p>Thread-safety: immutable.
 *
 * @param cameraId       camera, or null (demo or removed)
 * @param path           the file, absolute
 * @param startedAt      first frame
 * @param closedAt       when the recorder closed it, or null while it is being written
 * @param duration       length, or null while open (an estimate from the file time when recovery closed it)
 * @param bytes          file size, or null while open
 * @param sha256         lower-case hex of the file, or null while open or when the file was gone at recovery
 * @param codec          e.g. {@code h264}, or null
 * @param streamCopied   true when packets were copied from the camera without re-encoding
 * @param fallbackReason why it was re-encoded instead, or null
 * @param interrupted    closed by start-up recovery after a crash, not by the recorder
 */
public record Clip(long id, Long cameraId, String path, Instant startedAt, Instant closedAt, Duration duration, Long bytes,
                   String sha256, String codec, boolean streamCopied, String fallbackReason, boolean interrupted) {

    public boolean open() {
        return closedAt == null;
    }

    /** The subject of this clip's audit rows. */
    public static String subject(long clipId) {
        return "clip:" + clipId;
    }
}
