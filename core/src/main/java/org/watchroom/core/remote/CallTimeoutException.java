package org.watchroom.core.remote;

import java.time.Duration;

/**
 * The engine did not answer a call in time. The call may still complete in the engine: calls cannot be taken back.
 *
 * <p>Thread-safety: immutable.
 */
public final class CallTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CallTimeoutException(String call, Duration timeout) {
        super("The engine did not answer " + call + " within " + timeout.toMillis() + " ms.");
    }
}
