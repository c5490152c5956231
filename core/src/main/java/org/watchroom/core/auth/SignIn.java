package org.watchroom.core.auth;

import java.time.Duration;

/**
 * The outcome of a sign-in attempt. Failures never say whether the name or the password was wrong.
 *
 * <p>Thread-safety: immutable.
 */
public sealed interface SignIn {
    record Success(Operator operator) implements SignIn {
    }

    record Refused(String message) implements SignIn {
    }

    /** Too many failures in a row: no password is checked until {@code retryAfter} has passed. */
    record Throttled(Duration retryAfter) implements SignIn {
        public String message() {
            return "Too many failed attempts. Try again in " + Math.max(1, retryAfter.toSeconds()) + " s.";
        }
    }
}
