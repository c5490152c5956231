package org.watchroom.app.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.account.Accounts;
import org.watchroom.core.account.Session;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.auth.Role;
import org.watchroom.core.auth.User;

/**
 * The Users dialog: lists accounts, adds one, disables one, resets a password and issues a per-user REST token
 * (shown once). Every action asks the session for the acting admin at the moment it runs, so a locked workstation
 * or a hand-over to someone without {@link Permission#MANAGE_USERS} does nothing; the {@link Accounts} behind it checks and
 * audits again. Failures (duplicate name, short password, refusal) become {@link #messageProperty()}.
 *
 * <p>Thread-safety: FX thread only; the store is used on the executor's background threads.
 */
public final class UsersViewModel {
    private final Accounts users;
    private final Session session;
    private final TaskExecutor executor;
    private final ObservableList<User> accounts = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper issuedToken = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    public UsersViewModel(Accounts users, Session session, TaskExecutor executor) {
        this.users = users;
        this.session = session;
        this.executor = executor;
    }

    public ObservableList<User> accounts() { return accounts; }

    /** What happened last, or what went wrong. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** The token issued last; shown once (only its digest is stored), empty otherwise. */
    public ReadOnlyStringProperty issuedTokenProperty() { return issuedToken.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    /** Reads the accounts. */
    public void load() {
        run(() -> {
            session.acting(Permission.MANAGE_USERS);
            return users.list();
        }, list -> accounts.setAll(list), null);
    }

    /** Adds an account; the passwords are wiped afterwards either way. */
    public void add(String userName, String displayName, Role role, char[] password, char[] again) {
        if (!Arrays.equals(password, again)) {
            wipe(password, again);
            message.set("The two passwords differ; nothing was added.");
            return;
        }
        if (role == null) {
            wipe(password, again);
            message.set("Choose a role for the new account.");
            return;
        }
        run(() -> {
            try {
                return users.add(userName, displayName, role, password, session.acting(Permission.MANAGE_USERS));
            } finally {
                wipe(password, again);
            }
        }, user -> {
            message.set("Added " + user.role().dbValue() + " " + user.userName() + ".");
            reload();
        }, null);
    }

    /** Disables {@code user}: they can no longer sign in; their history stays. */
    public void disable(User user) {
        if (user == null) {
            message.set("Select an account first.");
            return;
        }
        run(() -> users.disable(user.userName(), session.acting(Permission.MANAGE_USERS)), u -> {
            message.set("Disabled " + u.userName() + ".");
            reload();
        }, null);
    }

    /** Sets a new password for {@code user}; the passwords are wiped afterwards either way. */
    public void resetPassword(User user, char[] password, char[] again) {
        if (user == null || !Arrays.equals(password, again)) {
            wipe(password, again);
            message.set(user == null ? "Select an account first." : "The two passwords differ; nothing was changed.");
            return;
        }
        run(() -> {
            try {
                users.changePassword(user.userName(), password, session.acting(Permission.MANAGE_USERS));
                return user;
            } finally {
                wipe(password, again);
            }
        }, u -> message.set("New password set for " + u.userName() + "."), null);
    }

    /** Issues a REST API token for {@code user} (replacing theirs) and shows it once. */
    public void issueToken(User user) {
        if (user == null) {
            message.set("Select an account first.");
            return;
        }
        run(() -> users.issueToken(user.userName(), session.acting(Permission.MANAGE_USERS)), token -> {
            issuedToken.set(token);
            message.set("API token for " + user.userName() + ": copy it now, it is not shown again. "
                    + "Their old token no longer works.");
        }, null);
    }

    /** Forgets the token on screen (the dialog closes, or the admin copied it). */
    public void clearToken() {
        issuedToken.set("");
    }

    private void reload() {
        run(users::list, (List<User> list) -> accounts.setAll(list), message.get());
    }

    /** Runs {@code work} off the FX thread; {@code keep} is the message to leave in place (null: clear it). */
    private <T> void run(Callable<T> work, Consumer<T> done, String keep) {
        busy.set(true);
        if (keep == null) {
            message.set("");
            issuedToken.set("");
        }
        executor.submit(work, result -> {
            busy.set(false);
            done.accept(result);
        }, e -> {
            busy.set(false);
            message.set(Optional.ofNullable(e.getMessage()).orElse(e.toString()));
        });
    }

    private static void wipe(char[] a, char[] b) {
        if (a != null) {
            Arrays.fill(a, '\0');
        }
        if (b != null) {
            Arrays.fill(b, '\0');
        }
    }

}
