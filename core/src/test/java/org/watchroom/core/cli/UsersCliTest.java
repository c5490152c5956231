package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.SignIn;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.Cli;

/** {@code watchroom users …} as an installer scripts it, against a real data folder. */
class UsersCliTest {
    @TempDir
    Path data;

    private Cli.Result users(String stdin, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--data-dir";
        all[1] = data.toString();
        all[2] = "users";
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.withInput(stdin, all);
    }

    @Test
    void anInstallerAddsAnAdminThenAnOperatorListsDisablesAndResetsAPassword() {
        Cli.Result first = users("", "add", "--name", "guard1", "--role", "operator", "--password-stdin");
        assertThat(first.exit()).isEqualTo(2);
        assertThat(first.err()).contains("no password");

        assertThat(users("open sesame 1\n", "add", "--name", "guard1", "--role", "operator", "--password-stdin").err())
                .contains("The first account must be an admin.");
        Cli.Result admin = users("open sesame 1\n", "add", "--name", "Chief", "--display-name", "Chief Admin",
                "--role", "admin", "--password-stdin");
        assertThat(admin.exit()).as(admin.err()).isZero();
        assertThat(admin.out()).contains("Added admin chief (Chief Admin)");
        assertThat(users("guard pass 2\n", "add", "--name", "guard1", "--role", "operator", "--password-stdin").exit()).isZero();
        assertThat(users("", "add", "--name", "guard2", "--role", "root", "--password-stdin").err())
                .contains("operator, supervisor or admin");

        Cli.Result list = users("", "list");
        Cli.Result after = Cli.run("users", "list", "--data-dir", data.toString());
        assertThat(after.out()).as("--data-dir after the command, as installers type it").isEqualTo(list.out());
        assertThat(list.out()).contains("chief").contains("guard1").contains("operator").doesNotContain("pbkdf2")
                .doesNotContain("guard pass");
        assertThat(users("new guard pass\n", "passwd", "guard1", "--password-stdin").exit()).isZero();
        assertThat(users("", "disable", "guard1").out()).contains("Disabled guard1");
        assertThat(users("", "list").out()).containsPattern("guard1 .*disabled");
        assertThat(users("", "disable", "nobody").err()).contains("There is no account named 'nobody'");

        try (Database db = Database.open(data)) {
            assertThat(new UserStore(db).signIn("guard1", "new guard pass".toCharArray())).isInstanceOf(SignIn.Refused.class);
            assertThat(new UserStore(db).signIn("chief", "open sesame 1".toCharArray())).isInstanceOf(SignIn.Success.class);
            assertThat(new AuditLog(db.jdbi()).about("user:guard1")).extracting(AuditEntry::action)
                    .containsExactly("user.add", "user.passwd", "user.disable", "user.signin.failed");
            assertThat(new AuditLog(db.jdbi()).about("user:guard1").getFirst().actor()).startsWith("cli:");
        }
    }
}
