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
 * ({@code watchroom token} does that). Needs the data dir's database, so it runs while Watchroom itself is stopped.
 *
 * <p>Thread-safety: one invocation per instance.
 */
@Command(name = "settings", description = "Show or change installation settings.", mixinStandardHelpOptions = true,
        subcommands = {SettingsCommand.ListSettings.class, SettingsCommand.Get.class, SettingsCommand.Set.class})
final class SettingsCommand {
    @ParentCommand
    WatchroomCli root;

    @Command(name = "list", description = "List all settings with their values (defaults marked).")
    static final class ListSettings implements Callable<Integer> {
        @ParentCommand SettingsCommand parent;

        @Override
        public Integer call() {
            try (Database db = Database.open(parent.root.dataDirectory())) {
                for (Settings.Entry e : new Settings(db).list()) {
                    String mark = e.stored() || e.key().secret() ? "" : "  (default)";
                    parent.root.out().printf("%-28s %s%s%n", e.key().key(), e.value(), mark);
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
            SettingKey parsed = SettingKey.parse(key); // an unknown key fails before the database is opened
            try (Database db = Database.open(parent.root.dataDirectory())) {
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
            SettingKey parsed = SettingKey.parse(key);
            String stored = parsed.normalise(value); // a bad value fails before the database is opened
            try (Database db = Database.open(parent.root.dataDirectory())) {
                stored = new Settings(db).set(parsed, stored, Operator.commandLine());
            }
            parent.root.out().println(parsed.key() + " = " + stored);
            return 0;
        }
    }
}
