package org.watchroom.core.audit;

/** The audit log could not be written or read; the message says why. */
public final class AuditException extends RuntimeException {
    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
