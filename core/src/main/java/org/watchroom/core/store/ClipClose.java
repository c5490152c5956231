package org.watchroom.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the recorder knows when it closes a file.
 *
 * <p>Thread-safety: immutable.
 *
 * @param fallbackReason why it had to re-encode, or null when {@code streamCopied}
 */
public record ClipClose(Instant closedAt, Duration duration, long bytes, String sha256, String codec, boolean streamCopied,
                        String fallbackReason) {
    public ClipClose {
        Objects.requireNonNull(closedAt, "closedAt");
        Objects.requireNonNull(duration, "duration");
        if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
    }
}
