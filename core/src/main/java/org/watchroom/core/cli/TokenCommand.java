package org.watchroom.core.cli;

import java.util.concurrent.Callable;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code watchroom token [--rotate]}: prints the REST API token of the data dir in use (creating it on first
 * use), or replaces it. Needs the data dir's database, so it runs while Watchroom itself is stopped; it never
 * creates one: a token for a mistyped {@code --data-dir} would belong to no installation.
 *
 * <p>Thread-safety: one invocation per instance.
 */
@Command(name = "token", description = "Print the REST API token (Authorization: Bearer TOKEN), or replace it.",
        mixinStandardHelpOptions = true)
final class TokenCommand implements Callable<Integer> {
    @ParentCommand
    WatchroomCli root;

    @Option(names = "--rotate", description = "Replace the token; the old one stops working.")
    boolean rotate;

    @Override
    public Integer call() {
        try (OpenDatabase open = root.existingDatabase()) {
            Database db = open.database();
            Settings settings = new Settings(db);
            Operator cli = root.operator();
            root.out().println(rotate ? settings.rotateInstallationToken(cli) : settings.installationToken(cli));
        }
        return 0;
    }
}
