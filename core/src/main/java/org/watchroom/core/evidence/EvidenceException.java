package org.watchroom.core.evidence;

/**
 * An export or verification that cannot go on, with a message for people (no stack trace needed).
 *
 * <p>Thread-safety: immutable.
 */
public class EvidenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EvidenceException(String message) {
        super(message);
    }

    public EvidenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
