package org.watchroom.core.camera;

import java.time.Instant;

/**
 * The life of a camera connection. Transitions: CONNECTING → LIVE ⇄ STALLED → RECONNECTING → CONNECTING …;
 * FAILED when retrying cannot help (wrong password, unsupported codec, missing file); STOPPED when asked.
 */
public sealed interface CameraState {

    /** Short upper-case label for badges and JSON. */
    String label();

    record Connecting() implements CameraState {
        @Override
        public String label() { return "CONNECTING"; }
    }

    record Live() implements CameraState {
        @Override
        public String label() { return "LIVE"; }
    }

    /** Connected, but no frame arrived for a while; the watchdog will force a reconnect. */
    record Stalled(long sinceMillis) implements CameraState {
        @Override
        public String label() { return "STALLED"; }
    }

    /**
     * Waiting to retry.
     *
     * @param attempt 1 for the first retry
     * @param nextRetryAt when the next attempt starts
     * @param lastError why the last attempt ended, in words (never a stack trace, never a password)
     */
    record Reconnecting(int attempt, Instant nextRetryAt, String lastError) implements CameraState {
        @Override
        public String label() { return "RECONNECTING"; }
    }

    record Stopped() implements CameraState {
        @Override
        public String label() { return "STOPPED"; }
    }

    /** Gave up; {@code reason} is a clear message for the guard or installer. */
    record Failed(String reason) implements CameraState {
        @Override
        public String label() { return "FAILED"; }
    }
}
