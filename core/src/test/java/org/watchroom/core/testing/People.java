package org.watchroom.core.testing;

import java.nio.file.Path;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Role;
import org.watchroom.core.store.Database;

/** Operators for tests: one per role, or a named admin where the test is about something other than roles. */
public final class People {
    public static final Operator ADMIN = new Operator("chief", "Chief Admin", Role.ADMIN);
    public static final Operator SUPERVISOR = new Operator("sam", "Sam Supervisor", Role.SUPERVISOR);
    public static final Operator OPERATOR = new Operator("olga", "Olga Operator", Role.OPERATOR);
    /** The password of the accounts tests make. */
    public static final String PASSWORD = "test password";

    private People() {
    }

    /**
     * Makes {@link #ADMIN}'s account (password {@link #PASSWORD}) unless an account exists: the configured cameras of
     * an engine started by the command line or the workstation wait for the first administrator.
     */
    public static void enrolAdmin(Database database) {
        UserStore users = new UserStore(database);
        if (users.none()) {
            users.add(ADMIN.userName(), ADMIN.displayName(), Role.ADMIN, PASSWORD.toCharArray(), null);
        }
    }

    /** {@link #enrolAdmin(Database)} in {@code dataDir}'s database, closed again before an engine opens it. */
    public static void enrolAdmin(Path dataDir) {
        try (Database database = Database.open(dataDir)) {
            enrolAdmin(database);
        }
    }

    /** An admin called {@code name}: may do everything, and audit rows carry the name. */
    public static Operator as(String name) {
        return new Operator(name, name, Role.ADMIN);
    }
}
