package org.watchroom.core.archive;

/**
 * An archive cannot be opened; the message says why in words an analyst understands.
 *
 * <p>Thread-safety: immutable.
 */
public final class ArchiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ArchiveException(String message) {
        super(message);
    }

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
