package org.watchroom.core.auth;

/**
 * The person behind an action: who is signed in at the workstation, whose API token was used, or the installer at
 * the command line. Audit rows carry {@link #userName()}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param userName    unique, lower-case sign-in name, written into audit rows and review records
 * @param displayName the name shown in the UI
 */
public record Operator(String userName, String displayName, Role role) {
    public Operator {
        if (userName == null || userName.isBlank()) {
            throw new IllegalArgumentException("An operator needs a user name.");
        }
    }

    /**
     * Whoever runs the command line on this machine: they can read the data folder directly anyway, so the CLI acts
     * as an admin, audited under the operating-system account name.
     */
    public static Operator commandLine() {
        return commandLine(System.getProperty("user.name", "unknown"));
    }

    /** {@link #commandLine()} typed by {@code osUser} beside a running engine (the socket's peer says who). */
    public static Operator commandLine(String osUser) {
        return new Operator("cli:" + osUser, "Command line (" + osUser + ")", Role.ADMIN);
    }

    public boolean can(Permission permission) {
        return role.allows(permission);
    }

    /** Throws {@link AccessDeniedException} unless the role allows {@code permission}. */
    public Operator require(Permission permission) {
        if (!can(permission)) {
            throw new AccessDeniedException(this, permission);
        }
        return this;
    }
}
