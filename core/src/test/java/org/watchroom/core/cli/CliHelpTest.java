package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.watchroom.core.testing.Cli;
import picocli.CommandLine;

/** {@code --help} works on every command, the leaves included (it was "Unknown option: '--help'" there). */
class CliHelpTest {
    /** Every command path, e.g. [cameras, add], walked from the real command tree so new commands are covered. */
    static Stream<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        walk(WatchroomCli.tree(), new ArrayList<>(), all);
        assertThat(all).as("the tree was walked").contains(List.of("cameras", "add"), List.of("audit", "verify"));
        return all.stream();
    }

    private static void walk(CommandLine line, List<String> path, List<List<String>> all) {
        for (var sub : line.getSubcommands().entrySet()) {
            List<String> child = new ArrayList<>(path);
            child.add(sub.getKey());
            all.add(child);
            walk(sub.getValue(), child, all);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void helpPrintsTheUsageAndExitsZero(List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.add("--help");
        Cli.Result result = Cli.run(args.toArray(String[]::new));

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("Usage: watchroom " + String.join(" ", command)).contains("--help");
        assertThat(result.err()).isEmpty();
    }
}
