package org.watchroom.core.auth;

import java.time.Instant;

/**
 * A local account as listed; the password hash never leaves {@code account.UserStore}.
 *
 * <p>Thread-safety: immutable.
 */
public record User(long id, String userName, String displayName, Role role, Instant createdAt, Instant disabledAt) {
    public boolean disabled() {
        return disabledAt != null;
    }

    public Operator operator() {
        return new Operator(userName, displayName, role);
    }
}
