package org.watchroom.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.app.wall.DirectTaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Role;
import org.watchroom.core.auth.SignIn;
import org.watchroom.core.auth.User;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.People;

/** The Users dialog's ViewModel against a real H2 file, without a Stage. */
class UsersViewModelTest {
    @TempDir
    Path dataDir;

    private static char[] pw(String s) {
        return s.toCharArray();
    }

    private static User named(UsersViewModel model, String name) {
        return model.accounts().stream().filter(u -> u.userName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void anAdminAddsDisablesResetsAPasswordAndIssuesATokenTheApiAccepts() throws Exception {
        try (Database db = Database.open(dataDir)) {
            UserStore users = new UserStore(db);
            users.add("chief", "Chief Admin", Role.ADMIN, pw("chief password"), null);
            UsersViewModel model = new UsersViewModel(users, Session.fixed(db, People.ADMIN), new DirectTaskExecutor());
            model.load();
            assertThat(model.accounts()).extracting(User::userName).containsExactly("chief");

            model.add("Olga", "Olga Night", Role.OPERATOR, pw("olga password"), pw("olga password"));
            assertThat(model.messageProperty().get()).isEqualTo("Added operator olga.");
            assertThat(model.accounts()).extracting(User::userName).containsExactly("chief", "olga");
            assertThat(users.signIn("olga", pw("olga password"))).isInstanceOf(SignIn.Success.class);

            char[] typed = pw("different 1");
            model.add("ivan", null, Role.OPERATOR, typed, pw("different 2"));
            assertThat(model.messageProperty().get()).contains("differ");
            assertThat(new String(typed)).as("the typed password is wiped").isEqualTo("\0".repeat(11));
            model.add("olga", null, Role.OPERATOR, pw("another pass"), pw("another pass"));
            assertThat(model.messageProperty().get()).contains("already an account named 'olga'");
            model.add("ivan", null, Role.OPERATOR, pw("short"), pw("short"));
            assertThat(model.messageProperty().get()).contains("at least 8 characters");
            assertThat(users.find("ivan")).isEmpty();

            model.resetPassword(named(model, "olga"), pw("new olga pass"), pw("new olga pass"));
            assertThat(model.messageProperty().get()).isEqualTo("New password set for olga.");
            assertThat(users.signIn("olga", pw("new olga pass"))).isInstanceOf(SignIn.Success.class);

            model.issueToken(named(model, "olga"));
            String token = model.issuedTokenProperty().get();
            assertThat(token).startsWith("wr_");
            assertThat(model.messageProperty().get()).contains("not shown again");
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            assertThat(users.operatorForToken(digest)).hasValueSatisfying(o -> {
                assertThat(o.userName()).isEqualTo("olga");
                assertThat(o.role()).isEqualTo(Role.OPERATOR);
            });
            model.clearToken();
            assertThat(model.issuedTokenProperty().get()).isEmpty();

            model.disable(named(model, "olga"));
            assertThat(model.messageProperty().get()).isEqualTo("Disabled olga.");
            assertThat(named(model, "olga").disabled()).isTrue();
            assertThat(users.operatorForToken(digest)).as("a disabled account's token stops working").isEmpty();
            model.disable(named(model, "chief"));
            assertThat(model.messageProperty().get()).contains("cannot disable your own account");

            assertThat(new AuditLog(db.jdbi()).about("user:olga")).extracting(AuditEntry::actor, AuditEntry::action)
                    .contains(Tuple.tuple("chief", "user.add"),
                            Tuple.tuple("chief", "user.passwd"),
                            Tuple.tuple("chief", "user.token"),
                            Tuple.tuple("chief", "user.disable"));
        }
    }

    @Test
    void aSupervisorOrALockedWorkstationIsRefusedWithAMessageAndNothingChanges() {
        try (Database db = Database.open(dataDir)) {
            UserStore users = new UserStore(db);
            User chief = users.add("chief", "Chief Admin", Role.ADMIN, pw("chief password"), null);
            UsersViewModel sam = new UsersViewModel(users, Session.fixed(db, People.SUPERVISOR), new DirectTaskExecutor());
            sam.load();
            assertThat(sam.messageProperty().get()).isEqualTo("sam (supervisor) may not manage user accounts.");
            assertThat(sam.accounts()).as("not even the list").isEmpty();
            sam.add("ivan", null, Role.ADMIN, pw("ivan password"), pw("ivan password"));
            assertThat(sam.messageProperty().get()).contains("may not manage user accounts");
            sam.issueToken(chief);
            assertThat(sam.issuedTokenProperty().get()).isEmpty();
            assertThat(users.find("ivan")).isEmpty();

            Session locked = Session.fixed(db, People.ADMIN);
            locked.lock("test");
            UsersViewModel behindLock = new UsersViewModel(users, locked, new DirectTaskExecutor());
            behindLock.add("ivan", null, Role.OPERATOR, pw("ivan password"), pw("ivan password"));
            assertThat(behindLock.messageProperty().get()).contains("locked");
            assertThat(users.list()).extracting(User::userName).containsExactly("chief");
        }
    }
}
