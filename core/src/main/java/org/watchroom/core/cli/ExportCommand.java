package org.watchroom.core.cli;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.evidence.EvidenceExporter;
import org.watchroom.core.evidence.ExportOptions;
import org.watchroom.core.evidence.ExportResult;
import org.watchroom.core.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code watchroom export --event ID [--event ID…] --out DIR [--zip]}: writes an evidence package; prints where,
 * the manifest's hash and any file that was already gone. Needs the data folder's database to exist.
 *
 * <p>Thread-safety: one invocation per instance.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export events as an evidence package (clips, snapshots, crops, JSON, SHA-256 manifest).")
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    WatchroomCli root;

    @Option(names = "--event", paramLabel = "ID", split = ",", required = true,
            description = "Event id; repeat or separate with commas.")
    List<Long> events;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "New or empty folder for the package.")
    Path out;

    @Option(names = "--zip", description = "Also write DIR.zip next to the folder.")
    boolean zip;

    @Option(names = "--time-zone", paramLabel = "ZONE", description = "Zone for local times (default: this machine's).")
    String zone;

    @Override
    public Integer call() {
        ZoneId zoneId;
        try {
            zoneId = zone == null ? ZoneId.systemDefault() : ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Unknown time zone " + Inputs.quote(zone) + " (use e.g. Europe/Berlin).");
        }
        ExportOptions options = ExportOptions.defaults(Operator.commandLine()).withZone(zoneId);
        if (zip) {
            options = options.withZip(null);
        }
        ExportResult result;
        try (Database db = root.existingDatabase()) {
            result = new EvidenceExporter(db).export(events, out, options);
        }
        var print = root.out();
        print.printf(Locale.ROOT, "Exported %d event(s): %d files, %d bytes, to %s%n", result.eventIds().size(),
                result.files(), result.bytes(), result.folder());
        if (result.zip() != null) {
            print.println("Zip: " + result.zip());
        }
        print.println("Manifest sha256: " + result.manifestSha256() + " (in the audit log as export:" + result.exportId() + ")");
        for (String missing : result.missing()) {
            root.err().println("Missing (gone before the export, recorded in the event file): " + missing);
        }
        return 0;
    }
}
