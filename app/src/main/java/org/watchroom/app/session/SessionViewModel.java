package org.watchroom.app.session;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.auth.Role;
import org.watchroom.core.auth.SignIn;

/**
 * Who is at the workstation, for the UI: first-run admin creation, sign-in, lock (Ctrl+L or idle) and hand-over.
 * The core {@link Session} decides; this model mirrors its state into properties the views bind to, so that
 * controls a role cannot use are hidden and the lock screen shows while locked.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class SessionViewModel {
    /** What the overlay shows. */
    public enum State { NEEDS_ADMIN, SIGNED_OUT, LOCKED, SIGNED_IN }

    /** Until the setting is read: a guard's screen left alone must not stay usable. */
    public static final Duration DEFAULT_IDLE_LOCK = Duration.ofMinutes(10);

    private final Session session;
    private final TaskExecutor executor;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.SIGNED_OUT);
    private final ReadOnlyObjectWrapper<Operator> operator = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ObjectProperty<Duration> idleLock =
            new SimpleObjectProperty<>(DEFAULT_IDLE_LOCK);

    public SessionViewModel(Session session, TaskExecutor executor) {
        this.session = session;
        this.executor = executor;
    }

    /** Reads whether any account exists (off the FX thread) and shows admin creation or sign-in. */
    public void start() {
        busy.set(true);
        executor.submit(() -> session.users().none(), none -> {
            busy.set(false);
            update(none ? State.NEEDS_ADMIN : State.SIGNED_OUT);
        }, this::failed);
    }

    /** A window with a fixed person (an archive window): signed in from the start, no sign-in of its own. */
    public void showFixed() {
        update(session.current().isPresent() ? State.SIGNED_IN : State.SIGNED_OUT);
    }

    public ReadOnlyObjectProperty<State> stateProperty() { return state.getReadOnlyProperty(); }

    /** The signed-in person (also while locked), or null. */
    public ReadOnlyObjectProperty<Operator> operatorProperty() { return operator.getReadOnlyProperty(); }

    /** What went wrong last (wrong password, throttled, bad input), or empty. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** True while a password is being checked (about half a second). */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    public Session session() { return session; }

    /**
     * How long without keyboard or mouse before the workstation locks ({@code session.idle_lock_minutes});
     * {@link java.time.Duration#ZERO} never locks. A change applies from the next input on.
     */
    public ObjectProperty<Duration> idleLockProperty() { return idleLock; }

    /** Sets {@link #idleLockProperty()}; null or negative means never. */
    public void setIdleLock(Duration after) {
        idleLock.set(after == null || after.isNegative() ? Duration.ZERO : after);
    }

    /** Whether the idle timer runs at all. */
    public boolean idleLockEnabled() {
        return idleLock.get() != null && idleLock.get().isPositive();
    }

    /** The idle timer ran out: locks (when signed in and enabled), saying for how long nobody touched it. */
    public void idleTimedOut() {
        if (!idleLockEnabled()) {
            return;
        }
        Duration d = idleLock.get();
        lock("idle for " + (d.toMinutes() > 0 ? d.toMinutes() + " min" : d.toSeconds() + " s"));
    }

    /** Whether the signed-in, unlocked person may do it (for hiding controls). */
    public boolean allows(Permission permission) {
        return state.get() == State.SIGNED_IN && session.allows(permission);
    }

    /** First run: creates the admin account and signs it in. */
    public void createAdmin(String userName, String displayName, char[] password, char[] again) {
        if (!Arrays.equals(password, again)) {
            message.set("The two passwords differ.");
            return;
        }
        run(() -> {
            session.users().add(userName, displayName, Role.ADMIN, password, null);
            return session.signIn(userName, password);
        }, password, again);
    }

    /** Sign-in, unlock, or hand-over to another person (cameras keep running). */
    public void signIn(String userName, char[] password) {
        run(() -> session.signIn(userName, password), password, null);
    }

    /** Locks at once (screen and session); the audit row is written off the FX thread. */
    public void lock(String why) {
        if (state.get() == State.SIGNED_IN) {
            Runnable audit = session.lockNow(why);
            update(State.LOCKED);
            executor.run(audit, () -> { }, this::failed);
        }
    }

    /** Signs out at once (screen and session); the audit row is written off the FX thread. */
    public void signOut() {
        Runnable audit = session.signOutNow();
        update(State.SIGNED_OUT);
        executor.run(audit, () -> { }, this::failed);
    }

    private void run(Callable<SignIn> work, char[] password, char[] again) {
        busy.set(true);
        message.set("");
        executor.submit(() -> {
            try {
                return work.call();
            } finally {
                Arrays.fill(password, '\0');
                if (again != null) {
                    Arrays.fill(again, '\0');
                }
            }
        }, result -> {
            busy.set(false);
            switch (result) {
                case SignIn.Success s -> update(State.SIGNED_IN);
                case SignIn.Refused r -> message.set(r.message());
                case SignIn.Throttled t -> message.set(t.message());
            }
        }, this::failed);
    }

    private void update(State next) {
        operator.set(session.current().orElse(null));
        state.set(next);
        if (next == State.SIGNED_IN) {
            message.set("");
        }
    }

    private void failed(Throwable e) {
        busy.set(false);
        message.set(Optional.ofNullable(e.getMessage()).orElse(e.toString()));
    }
}
