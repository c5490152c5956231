package org.watchroom.core.remote;

/**
 * The engine went away (it stopped, crashed or is restarting) or this side closed its connection: every call waiting
 * for an answer fails with this at once, and so does every call made after. The workstation shows "recorder
 * restarting" for it.
 *
 * <p>Thread-safety: immutable.
 */
public final class EngineGoneException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineGoneException(String message) {
        super(message);
    }

    public EngineGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
