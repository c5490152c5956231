package org.watchroom.core.cli;

import java.util.concurrent.Callable;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.settings.SettingKey;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code watchroom settings list|get KEY|set KEY VALUE}: the installation's settings ({@link SettingKey}), checked
 * before they are stored and audited as {@link Operator#commandLine()}. The API token is never printed here
 * ({@code watchroom token} does that). Needs the data dir's database, so it runs while Watchroom itself is stopped;
 * {@code set} creates it when missing (an installer may configure before the first start), {@code list} and
 * {@code get} need it to exist.
 *
 * <p>Thread-safety: one invocation per instance.
 */
@Command(name = "settings", description = "Show or change installation settings.", mixinStandardHelpOptions = true,
        subcommands = {SettingsCommand.ListSettings.class, SettingsCommand.Get.class, SettingsCommand.Set.class})
final class SettingsCommand {
    @ParentCommand
    WatchroomCli root;

    /** The known key; a name longer than any key is answered without quoting it whole. */
    static SettingKey key(String name) {
        if (name.length() > Column.SETTING_NAME.size()) {
            throw new IllegalArgumentException("Unknown setting " + Inputs.quote(name) + "; see 'watchroom settings list'.");
        }
        return SettingKey.parse(name);
    }

    /** The value to store: checked by the key, then against the column, and a port that a client can find. */
    static String value(SettingKey key, String typed) {
        Inputs.refuseControlCharacters(key.key(), typed);
        if (typed.length() > Column.SETTING_VALUE.size()) {
            throw new IllegalArgumentException(key.key() + " is " + typed.length() + " characters long; at most "
                    + Column.SETTING_VALUE.size() + " fit.");
        }
        String stored = key.normalise(typed);
        if (key == SettingKey.API_BIND) {
            Inputs.address(key.key(), stored);
        }
        if (key == SettingKey.API_PORT && "0".equals(stored)) {
            // 0 means "any free port": stored, each start would listen somewhere else and no client could find it
            throw new IllegalArgumentException("api.port must be a port between 1 and 65535; 0 (any free port) is only"
                    + " for a single run: watchroom --headless --api-port 0");
        }
        return Inputs.text(key.key(), stored, Column.SETTING_VALUE);
    }

    @Command(name = "list", description = "List all settings with their values (defaults marked).")
    static final class ListSettings implements Callable<Integer> {
        @ParentCommand SettingsCommand parent;

        @Override
        public Integer call() {
            try (OpenDatabase open = parent.root.existingDatabase()) {
                Database db = open.database();
                for (Settings.Entry e : new Settings(db).list()) {
                    String mark = e.stored() || e.key().secret() ? "" : "  (default)";
                    parent.root.out().printf("%-30s %s%s%n", e.key().key(), e.value(), mark);
                }
            }
            return 0;
        }
    }

    @Command(name = "get", description = "Print one setting's value.")
    static final class Get implements Callable<Integer> {
        @ParentCommand SettingsCommand parent;
        @Parameters(paramLabel = "KEY") String key;

        @Override
        public Integer call() {
            SettingKey parsed = key(key); // an unknown key fails before the database is opened
            if (parsed.secret()) {
                throw new IllegalArgumentException(parsed.key() + " is not printed here; use 'watchroom token'.");
            }
            try (OpenDatabase open = parent.root.existingDatabase()) {
                Database db = open.database();
                parent.root.out().println(new Settings(db).get(parsed));
            }
            return 0;
        }
    }

    @Command(name = "set", description = "Change one setting (checked first; audited).")
    static final class Set implements Callable<Integer> {
        @ParentCommand SettingsCommand parent;
        @Parameters(index = "0", paramLabel = "KEY") String key;
        @Parameters(index = "1", paramLabel = "VALUE") String value;

        @Override
        public Integer call() {
            SettingKey parsed = key(key);
            String stored = value(parsed, value); // a bad value fails before the database is opened
            try (OpenDatabase open = parent.root.createDatabase()) {
                Database db = open.database();
                stored = new Settings(db).set(parsed, stored, parent.root.operator());
            }
            parent.root.out().println(parsed.key() + " = " + stored);
            return 0;
        }
    }
}
