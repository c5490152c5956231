package org.watchroom.core.cli;

import java.util.concurrent.Callable;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.audit.AuditVerification;
import org.watchroom.core.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code watchroom audit verify}: checks the audit log's hash chain; exit code 1 when it is broken, or when there
 * is no database to check (an empty one would verify as "OK").
 *
 * <p>Thread-safety: one invocation per instance.
 */
@Command(name = "audit", description = "The tamper-evident audit log.", mixinStandardHelpOptions = true,
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand {
    @ParentCommand
    WatchroomCli root;

    @Command(name = "verify", description = "Check every row's hash; prints OK or the first broken row.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand AuditCommand parent;

        @Override
        public Integer call() {
            AuditVerification result;
            try (OpenDatabase open = parent.root.existingDatabase()) {
                Database db = open.database();
                result = new AuditLog(db.jdbi()).verify();
            }
            return switch (result) {
                case AuditVerification.Ok ok -> {
                    parent.root.out().println("OK: " + ok.rows() + " audit rows, chain intact.");
                    yield 0;
                }
                case AuditVerification.Broken broken -> {
                    parent.root.out().println("BROKEN at row " + broken.rowId() + ": " + broken.reason());
                    yield 1;
                }
            };
        }
    }
}
