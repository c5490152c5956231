package org.watchroom.core.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Role;
import org.watchroom.core.auth.User;
import org.watchroom.core.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code watchroom users add|list|disable|passwd} for installers. Whoever runs it can read the data folder anyway,
 * so it acts as an admin ({@link Operator#commandLine()}), audited under the OS account name. Passwords are asked
 * at the terminal (twice) or read from the first line of stdin with {@code --password-stdin}; never an argument,
 * which would land in shell history and process lists. {@code add} creates the data folder's database when it is
 * missing; the others need it to exist.
 *
 * <p>Thread-safety: one invocation per instance.
 */
@Command(name = "users", description = "Manage operator accounts.", mixinStandardHelpOptions = true,
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Disable.class,
                UsersCommand.Passwd.class, UsersCommand.Token.class})
final class UsersCommand {
    @ParentCommand
    WatchroomCli root;

    char[] password(boolean fromStdin) {
        if (fromStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(root.in(), StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw new IllegalArgumentException("--password-stdin: no password on the first line of stdin");
                }
                return line.toCharArray();
            } catch (IOException e) {
                throw new IllegalArgumentException("--password-stdin: cannot read stdin: " + e.getMessage());
            }
        }
        char[] first = root.readSecret("Password: ");
        if (first == null) {
            throw new IllegalArgumentException("no terminal to ask for the password; pipe it in with --password-stdin");
        }
        char[] again = root.readSecret("Again: ");
        if (again == null || !Arrays.equals(first, again)) {
            throw new IllegalArgumentException("the two passwords differ; nothing was changed");
        }
        return first;
    }

    /** A typed account name; one longer than any stored name is answered before the database is opened. */
    static String account(String name) {
        Inputs.refuseControlCharacters("NAME", name);
        if (name.strip().length() > Column.USER_NAME.size()) {
            throw new IllegalArgumentException("There is no account named " + Inputs.quote(name) + ".");
        }
        return name;
    }

    @Command(name = "add", description = "Add an account (the first one must be an admin).")
    static final class Add implements Callable<Integer> {
        @ParentCommand UsersCommand parent;
        @Option(names = "--name", required = true, description = "Sign-in name.") String name;
        @Option(names = "--display-name", description = "Name shown in the UI.") String displayName;
        @Option(names = "--role", required = true, description = "operator, supervisor or admin.") String role;
        @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.") boolean stdin;

        @Override
        public Integer call() {
            Role parsed = Role.parse(role);
            Inputs.text("--display-name", displayName, Column.USER_DISPLAY_NAME);
            char[] password = parent.password(stdin);
            try (OpenDatabase open = parent.root.createDatabase()) {
                Database db = open.database();
                UserStore users = new UserStore(db);
                User user = users.add(name, displayName, parsed, password, users.none() ? null : parent.root.operator());
                parent.root.out().println("Added " + user.role().dbValue() + " " + user.userName() + " (" + user.displayName() + ")");
            } finally {
                Arrays.fill(password, '\0');
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List accounts.")
    static final class ListUsers implements Callable<Integer> {
        @ParentCommand UsersCommand parent;

        @Override
        public Integer call() {
            try (OpenDatabase open = parent.root.existingDatabase()) {
                Database db = open.database();
                for (User u : new UserStore(db).list()) {
                    parent.root.out().printf("%-20s %-10s %-30s %s%n", u.userName(), u.role().dbValue(), u.displayName(),
                            u.disabled() ? "disabled " + u.disabledAt() : "active");
                }
            }
            return 0;
        }
    }

    @Command(name = "disable", description = "Disable an account; its history stays.")
    static final class Disable implements Callable<Integer> {
        @ParentCommand UsersCommand parent;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            try (OpenDatabase open = parent.root.existingDatabase()) {
                Database db = open.database();
                new UserStore(db).disable(account(name), parent.root.operator());
            }
            parent.root.out().println("Disabled " + name);
            return 0;
        }
    }

    @Command(name = "passwd", description = "Set a new password for an account.")
    static final class Passwd implements Callable<Integer> {
        @ParentCommand UsersCommand parent;
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.") boolean stdin;

        @Override
        public Integer call() {
            account(name);
            char[] password = parent.password(stdin);
            try (OpenDatabase open = parent.root.existingDatabase()) {
                Database db = open.database();
                new UserStore(db).changePassword(name, password, parent.root.operator());
            } finally {
                Arrays.fill(password, '\0');
            }
            parent.root.out().println("Password changed for " + name);
            return 0;
        }
    }

    @Command(name = "token", description = "Issue a new REST API token for an account (replaces its old one); "
            + "requests with it act as that user, with that user's role. Shown only now.")
    static final class Token implements Callable<Integer> {
        @ParentCommand UsersCommand parent;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            try (OpenDatabase open = parent.root.existingDatabase()) {
                Database db = open.database();
                UserStore users = new UserStore(db);
                // a disabled account's token is refused by the API at once: issuing one would only mislead
                if (users.find(account(name)).map(User::disabled).orElse(false)) {
                    throw new IllegalArgumentException("The account " + Inputs.quote(name) + " is disabled; its token"
                            + " would be refused, so none was issued.");
                }
                parent.root.out().println(users.issueToken(name, parent.root.operator()));
            }
            return 0;
        }
    }
}
