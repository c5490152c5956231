package org.watchroom.core.account;

import org.watchroom.core.audit.AuditLog;

/**
 * Where a workstation's session writes what its people did at the window that the accounts did not see: a hand-over,
 * a lock, a sign-out. A port, so that a workstation attached to an engine in another process audits in the engine's
 * log, as one in the engine's own process does.
 *
 * <p>Thread-safety: implementations are safe from any thread; they do I/O, so call them off the FX thread.
 */
public interface SessionLog {

    /** {@code from} was signed out because {@code to} signed in at the same window. */
    void handedOver(String from, String to);

    /** {@code userName}'s session was locked, for {@code why} (Ctrl+L, idle). */
    void locked(String userName, String why);

    /** {@code userName} signed out. */
    void signedOut(String userName);

    /** Rows in {@code audit}, the engine's hash-chained log. */
    static SessionLog audited(AuditLog audit) {
        return new SessionLog() {
            @Override
            public void handedOver(String from, String to) {
                audit.append(from, "user.signout", "user:" + from, "handed over to " + to);
            }

            @Override
            public void locked(String userName, String why) {
                audit.append(userName, "user.lock", "user:" + userName, why);
            }

            @Override
            public void signedOut(String userName) {
                audit.append(userName, "user.signout", "user:" + userName, null);
            }
        };
    }
}
