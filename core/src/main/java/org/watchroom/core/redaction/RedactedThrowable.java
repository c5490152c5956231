package org.watchroom.core.redaction;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A throwable as it may be logged: the same class name, stack trace, causes and suppressed throwables as the
 * original, with every message passed through {@link Redaction}. FFmpeg and the JDK put URLs in their messages, and a
 * stack trace printed whole would carry a camera's password into the log file.
 *
 * <p>Thread-safety: immutable once made.
 */
public final class RedactedThrowable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String originalClass;

    private RedactedThrowable(String originalClass, String message) {
        super(message); // cause left unset: of() sets it, and initCause refuses to replace an explicit null
        this.originalClass = originalClass;
    }

    /** A redacted copy of {@code error} (null stays null); {@code password}, when known, is blanked too. */
    public static Throwable of(Throwable error, String password) {
        return copy(error, password, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static Throwable copy(Throwable error, String password, Set<Throwable> seen) {
        if (error == null || !seen.add(error)) {
            return null; // a cause chain that loops back is cut where it loops
        }
        RedactedThrowable copy = new RedactedThrowable(error.getClass().getName(),
                Redaction.redact(error.getMessage(), password));
        copy.setStackTrace(error.getStackTrace());
        Throwable cause = copy(error.getCause(), password, seen);
        if (cause != null) {
            copy.initCause(cause);
        }
        for (Throwable suppressed : error.getSuppressed()) {
            Throwable redacted = copy(suppressed, password, seen);
            if (redacted != null) {
                copy.addSuppressed(redacted);
            }
        }
        return copy;
    }

    /** The original class name, so that the log reads as the original throwable would. */
    @Override
    @SuppressWarnings("OverrideThrowableToString") // getMessage() must stay the redacted message alone
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalClass : originalClass + ": " + message;
    }
}
