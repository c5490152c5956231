package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.Cli;

/** {@code watchroom replay DIR}: hands the archive to the UI, or says clearly why it cannot. */
class ReplayCliTest {
    @TempDir
    Path temp;

    @Test
    void replayOpensTheUiOnTheArchiveWithTheUsersOwnDataFolderForLogs() throws Exception {
        Path archive = temp.resolve("copied");
        Database.open(archive).close();
        Path own = temp.resolve("own");
        AtomicReference<LaunchOptions> launched = new AtomicReference<>();
        var out = new ByteArrayOutputStream();
        int exit = WatchroomCli.run(new String[] {"--data-dir", own.toString(), "replay", archive.toString()},
                options -> {
                    launched.set(options);
                    return 0;
                }, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(exit).isZero();
        assertThat(launched.get().archive()).contains(archive.toAbsolutePath());
        assertThat(launched.get().dataDir()).isEqualTo(own.toAbsolutePath());
        assertThat(Files.exists(archive.resolve("logs"))).as("no log files in the archive").isFalse();
    }

    @Test
    void aMissingFolderOrAMissingUiGivesAClearError() {
        Cli.Result missing = Cli.inDataDir(temp.resolve("own"), "replay", temp.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("there is no").contains("nope");

        Cli.Result headless = Cli.inDataDir(temp.resolve("own"), "replay", temp.toString());
        assertThat(headless.exit()).isEqualTo(2);
        assertThat(headless.err()).contains("needs the desktop app");
    }
}
