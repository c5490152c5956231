package org.watchroom.core.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.watchroom.core.evidence.EvidenceException;
import org.watchroom.core.evidence.EvidenceVerifier;
import org.watchroom.core.evidence.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code watchroom verify DIR}: recomputes every hash of an evidence package. Exit 0 and {@code OK: N files
 * verified}; exit 1 and {@code MISMATCH|MISSING|UNEXPECTED: path (why)}; exit 2 when DIR is no package.
 * Needs no data folder: packages are checked wherever they were copied to.
 *
 * <p>Thread-safety: one invocation per instance.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check an evidence package (folder or .zip) against its manifest.")
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    WatchroomCli root;

    @Parameters(paramLabel = "DIR", description = "The package folder (or its .zip).")
    Path dir;

    @Override
    public Integer call() {
        Verification result;
        try {
            result = EvidenceVerifier.verify(dir);
        } catch (EvidenceException e) {
            root.err().println("watchroom: " + e.getMessage());
            return 2;
        }
        return switch (result) {
            case Verification.Ok ok -> {
                root.out().println("OK: " + ok.files() + " files verified");
                yield 0;
            }
            case Verification.Failed failed -> {
                root.out().println(failed.line());
                yield 1;
            }
        };
    }
}
