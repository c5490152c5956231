package org.watchroom.app.testing;

import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Role;

/** Operators for tests: one per role, or a named admin where the test is about something other than roles. */
public final class People {
    public static final Operator ADMIN = new Operator("chief", "Chief Admin", Role.ADMIN);
    public static final Operator SUPERVISOR = new Operator("sam", "Sam Supervisor", Role.SUPERVISOR);
    public static final Operator OPERATOR = new Operator("olga", "Olga Operator", Role.OPERATOR);

    private People() {
    }

    /** A session signed in as {@code who}, for ViewModels tested without a window. */
    public static org.watchroom.core.auth.Session session(org.watchroom.core.store.Database db, Operator who) {
        return org.watchroom.core.auth.Session.fixed(db, who);
    }

    /** An admin called {@code name}: may do everything, and audit rows carry the name. */
    public static Operator as(String name) {
        return new Operator(name, name, Role.ADMIN);
    }
}
