package org.watchroom.core.auth;

/**
 * A signed-in person tried something their role does not allow. The message names them, their role and what
 * was refused, for the UI and for REST's 403.
 *
 * <p>Thread-safety: immutable.
 */
public final class AccessDeniedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Permission permission;

    public AccessDeniedException(Operator operator, Permission permission) {
        super(operator.userName() + " (" + operator.role().dbValue() + ") may not " + permission.text() + ".");
        this.permission = permission;
    }

    /** A refusal made elsewhere and told here with its message (the engine's, arriving over its control socket). */
    public AccessDeniedException(String message, Permission permission) {
        super(message);
        this.permission = permission;
    }

    public Permission permission() { return permission; }
}
