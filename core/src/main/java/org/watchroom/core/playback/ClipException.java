package org.watchroom.core.playback;

/**
 * A clip that cannot be opened or decoded; the message is meant for the person (no FFmpeg internals).
 *
 * <p>Thread-safety: immutable.
 */
public final class ClipException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClipException(String message) {
        super(message, null, false, false);
    }
}
