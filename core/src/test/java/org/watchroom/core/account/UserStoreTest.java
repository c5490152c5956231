package org.watchroom.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.AccessDeniedException;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.PasswordHasher;
import org.watchroom.core.auth.Role;
import org.watchroom.core.auth.SignIn;
import org.watchroom.core.auth.User;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.ManualClock;

/** Accounts, roles and sign-in against a real H2 file. */
class UserStoreTest {
    @TempDir
    Path dir;
    Database db;
    ManualClock clock = new ManualClock(1_800_000_000_000L);
    UserStore users;
    Operator admin;

    @BeforeEach
    void open() {
        db = Database.open(dir);
        users = new UserStore(db, clock);
        admin = users.add("Alice", "Alice Admin", Role.ADMIN, "correct horse".toCharArray(), null).operator();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<String> audit(String subject) {
        return new AuditLog(db.jdbi()).about(subject).stream().map(e -> e.actor() + " " + e.action()).toList();
    }

    @Test
    void theFirstAccountMustBeAnAdminAndLaterOnesNeedAnAdmin() {
        assertThat(admin.userName()).isEqualTo("alice");
        assertThatThrownBy(() -> users.add("bob", null, Role.OPERATOR, "password1".toCharArray(), null))
                .hasMessageContaining("Only an admin");
        Operator supervisor = users.add("sam", "Sam", Role.SUPERVISOR, "password1".toCharArray(), admin).operator();
        assertThatThrownBy(() -> users.add("bob", null, Role.OPERATOR, "password1".toCharArray(), supervisor))
                .isInstanceOf(AccessDeniedException.class).hasMessage("sam (supervisor) may not manage user accounts.");
        assertThatThrownBy(() -> users.disable("alice", supervisor)).isInstanceOf(AccessDeniedException.class);
        assertThat(users.list()).extracting(User::userName).containsExactly("alice", "sam");
        assertThat(audit("user:sam")).containsExactly("alice user.add");
    }

    @Test
    void passwordsAreStoredAsSaltedPbkdf2HashesNeverPlain() {
        users.add("bob", "Bob", Role.OPERATOR, "hunter2hunter2".toCharArray(), admin);
        users.add("carol", "Carol", Role.OPERATOR, "hunter2hunter2".toCharArray(), admin);
        List<String> hashes = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT password_hash FROM users WHERE user_name IN ('bob', 'carol')").mapTo(String.class).list());
        assertThat(hashes).hasSize(2).allSatisfy(hash -> {
            assertThat(hash).startsWith("pbkdf2-sha256$600000$").doesNotContain("hunter2");
            assertThat(new PasswordHasher().verify("hunter2hunter2".toCharArray(), hash)).isTrue();
            assertThat(new PasswordHasher().verify("hunter2hunter3".toCharArray(), hash)).isFalse();
        });
        assertThat(hashes.get(0)).as("per-user salt").isNotEqualTo(hashes.get(1));
        assertThat(new PasswordHasher().verify("x".toCharArray(), "pbkdf2-sha256$notanumber$$")).isFalse();
    }

    @Test
    void signInSucceedsWithTheRightPasswordAndIsAudited() {
        assertThat(users.signIn(" ALICE ", "correct horse".toCharArray()))
                .isEqualTo(new SignIn.Success(new Operator("alice", "Alice Admin", Role.ADMIN)));
        assertThat(audit("user:alice")).containsExactly("alice user.add", "alice user.signin");
    }

    @Test
    void repeatedFailuresSlowDownAndAreAuditedWithoutThePassword() {
        for (int i = 0; i < 3; i++) {
            assertThat(users.signIn("alice", "wrong guess".toCharArray())).isEqualTo(new SignIn.Refused("Wrong user name or password."));
        }
        SignIn throttled = users.signIn("alice", "correct horse".toCharArray());
        assertThat(throttled).isInstanceOf(SignIn.Throttled.class);
        assertThat(((SignIn.Throttled) throttled).retryAfter()).isEqualTo(Duration.ofSeconds(1));
        clock.advance(1_000);
        assertThat(users.signIn("alice", "wrong again".toCharArray())).isInstanceOf(SignIn.Refused.class);
        SignIn longer = users.signIn("alice", "correct horse".toCharArray());
        assertThat(((SignIn.Throttled) longer).retryAfter()).as("the delay grows").isEqualTo(Duration.ofSeconds(2));
        clock.advance(2_000);
        assertThat(users.signIn("alice", "correct horse".toCharArray())).isInstanceOf(SignIn.Success.class);
        assertThat(users.signIn("alice", "wrong".toCharArray())).as("success resets the count").isInstanceOf(SignIn.Refused.class);

        assertThat(audit("user:alice")).contains("alice user.signin.failed", "alice user.signin.throttled", "alice user.signin");
        assertThat(new AuditLog(db.jdbi()).recent(100)).extracting(AuditEntry::detail)
                .noneMatch(d -> d != null && (d.contains("wrong guess") || d.contains("correct horse")));
    }

    @Test
    void unknownNamesAndDisabledAccountsAreRefusedTheSameWay() {
        users.add("bob", "Bob", Role.OPERATOR, "bobs password".toCharArray(), admin);
        users.disable("bob", admin);
        assertThat(users.signIn("bob", "bobs password".toCharArray())).isEqualTo(new SignIn.Refused("This account is disabled. Ask an admin."));
        assertThat(users.signIn("mallory", "anything1".toCharArray())).isEqualTo(new SignIn.Refused("Wrong user name or password."));
        assertThat(users.signIn("my secret password", "x".toCharArray())).isInstanceOf(SignIn.Refused.class);
        assertThat(new AuditLog(db.jdbi()).recent(100)).extracting(AuditEntry::subject).doesNotContain("user:my secret password")
                .contains("user:(invalid name)");
        assertThatThrownBy(() -> users.disable("alice", admin)).hasMessageContaining("your own account");
    }

    @Test
    void badInputGetsClearMessages() {
        assertThatThrownBy(() -> users.add("bad name!", null, Role.OPERATOR, "password1".toCharArray(), admin))
                .hasMessageContaining("A user name is");
        assertThatThrownBy(() -> users.add("dave", null, Role.OPERATOR, "short".toCharArray(), admin))
                .hasMessageContaining("at least 8 characters");
        assertThatThrownBy(() -> users.add("alice", null, Role.OPERATOR, "password1".toCharArray(), admin))
                .hasMessageContaining("already an account");
        assertThatThrownBy(() -> Role.parse("root")).hasMessageContaining("operator, supervisor or admin");
        assertThatThrownBy(() -> users.add("api", null, Role.ADMIN, "password1".toCharArray(), admin))
                .as("the installation token's audit name").hasMessageContaining("names a part of Watchroom");
    }

    @Test
    void anyoneMayChangeTheirOwnPasswordOnlyAnAdminSomeoneElses() {
        Operator bob = users.add("bob", "Bob", Role.OPERATOR, "bobs password".toCharArray(), admin).operator();
        users.changePassword("bob", "bobs new password".toCharArray(), bob);
        assertThat(users.signIn("bob", "bobs new password".toCharArray())).isInstanceOf(SignIn.Success.class);
        assertThatThrownBy(() -> users.changePassword("alice", "taken over!".toCharArray(), bob))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(Files.exists(dir.resolve("watchroom.mv.db"))).isTrue();
    }
}
