package org.watchroom.core.audit;

/** The audit log could not be written or read; the message says why. */
public final class AuditException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
