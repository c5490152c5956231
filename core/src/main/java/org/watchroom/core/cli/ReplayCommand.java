package org.watchroom.core.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code watchroom replay DIR}: the workstation on a data folder copied from another machine or an evidence
 * package (folder or .zip), read-only and without connecting to any camera.
 *
 * <p>Thread-safety: one invocation per instance.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Open a copied data folder or an evidence package (folder or .zip) read-only, offline.")
final class ReplayCommand implements Callable<Integer> {
    @ParentCommand
    WatchroomCli root;

    @Parameters(paramLabel = "DIR", description = "Data folder, evidence package folder, or evidence .zip.")
    Path archive;

    @Override
    public Integer call() {
        if (!Files.exists(archive)) {
            throw new IllegalArgumentException("there is no " + archive.toAbsolutePath());
        }
        return root.replay(archive.toAbsolutePath().normalize());
    }
}
