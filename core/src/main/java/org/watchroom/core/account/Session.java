package org.watchroom.core.account;

import java.util.Optional;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.AccessDeniedException;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.auth.SignIn;
import org.watchroom.core.store.Database;

/**
 * Who is at the workstation: nobody, a signed-in person, or that person behind the lock screen. Everything the
 * UI does on someone's behalf asks {@link #acting(Permission)} for the operator, so a locked or signed-out
 * workstation does nothing whatever the UI shows. Sign-out keeps the cameras running (shift hand-over).
 *
 * <p>Thread-safety: safe from any thread; state changes are serialised.
 */
public final class Session {
    private final Accounts users;
    private final SessionLog audit;
    private volatile Operator operator;
    private volatile boolean locked;

    public Session(Database database, Accounts users) {
        this(SessionLog.audited(new AuditLog(database.jdbi())), users);
    }

    /** A session that signs in against {@code users} and logs locks and sign-outs in {@code log} (an engine's). */
    public Session(SessionLog log, Accounts users) {
        this.users = users;
        this.audit = log;
    }

    /**
     * A session that is always {@code operator}, with no sign-in of its own: an archive window opened by someone
     * already signed in (or from the command line), and ViewModel tests.
     */
    public static Session fixed(Database database, Operator operator) {
        Session session = new Session(database, null);
        session.operator = operator;
        return session;
    }

    /** The accounts this session signs in against; null for a {@link #fixed} session. */
    public Accounts users() { return users; }

    /** The signed-in person (also while locked), if any. */
    public Optional<Operator> current() { return Optional.ofNullable(operator); }

    public boolean locked() { return locked; }

    /** Signs in (ending whoever was signed in before: hand-over); throttled and audited by the accounts (e.g. {@link UserStore}). */
    public synchronized SignIn signIn(String userName, char[] password) {
        if (users == null) {
            return new SignIn.Refused("This window has no sign-in of its own.");
        }
        SignIn result = users.signIn(userName, password);
        if (result instanceof SignIn.Success s) {
            if (operator != null && !operator.userName().equals(s.operator().userName())) {
                audit.handedOver(operator.userName(), s.operator().userName());
            }
            operator = s.operator();
            locked = false;
        }
        return result;
    }

    /** Locks the workstation for the signed-in person; the wall stays live, actions are refused until unlocked. */
    public void lock(String why) {
        lockNow(why).run();
    }

    /**
     * Locks at once without I/O (actions are refused from now on) and returns the audit row's writing, to run off
     * the UI thread; it does nothing when nobody was signed in or the session was locked already.
     */
    public synchronized Runnable lockNow(String why) {
        if (operator == null || locked) {
            return () -> { };
        }
        locked = true;
        String who = operator.userName();
        return () -> audit.locked(who, why);
    }

    public void signOut() {
        signOutNow().run();
    }

    /** Signs out at once without I/O and returns the audit row's writing, to run off the UI thread. */
    public synchronized Runnable signOutNow() {
        if (operator == null) {
            return () -> { };
        }
        String who = operator.userName();
        operator = null;
        locked = false;
        return () -> audit.signedOut(who);
    }

    /**
     * The person to act as, when they may do {@code permission} now.
     *
     * @throws AccessDeniedException when their role does not allow it
     * @throws IllegalStateException when nobody is signed in or the workstation is locked
     */
    public Operator acting(Permission permission) {
        Operator who = operator;
        if (who == null) {
            throw new IllegalStateException("Nobody is signed in.");
        }
        if (locked) {
            throw new IllegalStateException("The workstation is locked. Sign in again to continue.");
        }
        return who.require(permission);
    }

    /** Whether the signed-in, unlocked person may do {@code permission} (for showing or hiding UI). */
    public boolean allows(Permission permission) {
        Operator who = operator;
        return who != null && !locked && who.can(permission);
    }
}
