package org.watchroom.core.store;

import java.time.Duration;
import java.time.Instant;

/**
 * What the recorder knows when a segment's file is complete.
 *
 * <p>Thread-safety: immutable.
 *
 * @param endedAt     wall time its last frame ends
 * @param duration    media time in it
 * @param bytes       file size
 * @param sha256      SHA-256 of the file (hex)
 * @param prevSha256  the previous segment's sha256 for this camera ({@link Segment#NO_PREVIOUS} for the first)
 * @param codec       video codec name
 * @param streamCopied false when re-encoded
 * @param interrupted closed by start-up recovery rather than the recorder
 */
public record SegmentClose(Instant endedAt, Duration duration, long bytes, String sha256, String prevSha256,
                           String codec, boolean streamCopied, boolean interrupted) {
}
