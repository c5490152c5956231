package org.watchroom.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.AccessDeniedException;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.auth.Role;
import org.watchroom.core.auth.SignIn;
import org.watchroom.core.store.Database;

/** Sign-in, lock and hand-over at one workstation, real H2 file. */
class SessionTest {
    @TempDir
    Path dir;

    @Test
    void lockBlocksActionsUntilSignedInAgainAndHandOverIsAudited() {
        try (Database db = Database.open(dir)) {
            UserStore users = new UserStore(db);
            Operator admin = users.add("chief", "Chief", Role.ADMIN, "chief password".toCharArray(), null).operator();
            users.add("guard", "Guard", Role.OPERATOR, "guard password".toCharArray(), admin);
            Session session = new Session(db, users);
            assertThatThrownBy(() -> session.acting(Permission.REVIEW)).hasMessage("Nobody is signed in.");

            assertThat(session.signIn("guard", "guard password".toCharArray())).isInstanceOf(SignIn.Success.class);
            assertThat(session.acting(Permission.REVIEW).userName()).isEqualTo("guard");
            assertThatThrownBy(() -> session.acting(Permission.EXPORT)).isInstanceOf(AccessDeniedException.class)
                    .hasMessage("guard (operator) may not export evidence.");
            assertThat(session.allows(Permission.CONFIGURE_CAMERAS)).isFalse();

            session.lock("Ctrl+L");
            assertThat(session.current()).map(Operator::userName).contains("guard");
            assertThatThrownBy(() -> session.acting(Permission.REVIEW)).hasMessageContaining("locked");
            assertThat(session.allows(Permission.REVIEW)).isFalse();
            assertThat(session.signIn("guard", "not it".toCharArray())).isInstanceOf(SignIn.Refused.class);
            assertThat(session.locked()).as("a wrong password keeps it locked").isTrue();

            assertThat(session.signIn("chief", "chief password".toCharArray())).isInstanceOf(SignIn.Success.class);
            assertThat(session.acting(Permission.MANAGE_USERS).userName()).isEqualTo("chief");
            session.signOut();
            assertThat(session.current()).isEmpty();

            assertThat(new AuditLog(db.jdbi()).recent(20)).extracting(e -> e.actor() + " " + e.action())
                    .contains("guard user.signin", "guard user.lock", "guard user.signin.failed", "guard user.signout",
                            "chief user.signin", "chief user.signout");
            assertThat(new AuditLog(db.jdbi()).verify().ok()).isTrue();
        }
    }
}
