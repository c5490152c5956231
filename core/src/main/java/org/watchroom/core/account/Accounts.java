package org.watchroom.core.account;

import java.util.List;
import java.util.Optional;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Role;
import org.watchroom.core.auth.SignIn;
import org.watchroom.core.auth.User;

/**
 * The local accounts as the workstation manages them and signs in against them: a port, so that the workstation can
 * reach them in its own process ({@link UserStore}) or in a separate engine (a remote implementation). Methods take
 * and return only values that serialize as JSON (records, enums, strings, {@code char[]} passwords, Optional/List of
 * those).
 *
 * <p>Thread-safety: implementations are safe from any thread; call them off the JavaFX thread (hashing is slow).
 */
public interface Accounts {

    /** True until the first account exists (first run: the UI asks for an admin account instead of a sign-in). */
    boolean none();

    /** Creates an account; {@code by} may be null only for the first account, which must be an admin. */
    User add(String userName, String displayName, Role role, char[] password, Operator by);

    List<User> list();

    Optional<User> find(String userName);

    /** Disables an account: it can no longer sign in, its audit history stays. */
    User disable(String userName, Operator by);

    /** Sets a new password: an admin for anyone, everyone for themselves. */
    void changePassword(String userName, char[] password, Operator by);

    /** Checks a name and password; audited either way, throttled after failures. */
    SignIn signIn(String userName, char[] password);

    /** Issues a new REST API token for {@code userName}, replacing its old one; shown only this once. */
    String issueToken(String userName, Operator by);
}
