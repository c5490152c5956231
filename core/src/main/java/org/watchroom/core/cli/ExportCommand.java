package org.watchroom.core.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.watchroom.core.evidence.EvidenceExporter;
import org.watchroom.core.evidence.ExportOptions;
import org.watchroom.core.evidence.ExportResult;
import org.watchroom.core.evidence.RangeRequest;
import org.watchroom.core.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code watchroom export --event ID [--event ID…] --out DIR [--zip]} or {@code watchroom export --camera ID[,ID…]
 * --from T --to T --out DIR [--zip] [--with-segments]}: writes an evidence package of events, or of a time range of
 * cameras' recordings (one MP4 per camera by stream copy, the segments' hashes and chain); prints where, the
 * manifest's hash and anything that was already gone. Needs the data folder's database to exist.
 *
 * <p>Thread-safety: one invocation per instance.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export events, or a time range of cameras' recordings, as an evidence package "
                + "(SHA-256 manifest; check it with 'watchroom verify DIR').",
                "Events: --event ID… (clips or the event's range of the recording, snapshots, crops, JSON).",
                "Range: --camera ID[,ID…] --from TIME --to TIME (one MP4 per camera cut by stream copy from the "
                        + "keyframe at or before --from, with the recorded segments' hashes and chain).",
                "Times: " + TimeArgument.HELP + "."})
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    WatchroomCli root;

    @Option(names = "--event", paramLabel = "ID", split = ",", description = "Event id; repeat or separate with commas.")
    List<Long> events;

    @Option(names = "--camera", paramLabel = "ID", split = ",",
            description = "Export this camera's recording of --from … --to; repeat or separate with commas.")
    List<Long> cameras;

    @Option(names = "--from", paramLabel = "TIME", description = "Start of the range (" + TimeArgument.HELP + ").")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End of the range (same forms).")
    String to;

    @Option(names = "--with-segments",
            description = "Range: also copy the recorded segment files, so the chain can be checked without this machine.")
    boolean withSegments;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "New or empty folder for the package.")
    Path out;

    @Option(names = "--zip", description = "Also write DIR.zip next to the folder.")
    boolean zip;

    @Option(names = "--time-zone", paramLabel = "ZONE",
            description = "Zone for local times in the package and for times typed without one (default: this machine's).")
    String zone;

    @Override
    public Integer call() {
        ZoneId zoneId = TimeArgument.zone(zone);
        boolean range = cameras != null && !cameras.isEmpty();
        if (range == (events != null && !events.isEmpty())) {
            throw new IllegalArgumentException("Export either events (--event ID) or a range of recordings "
                    + "(--camera ID --from TIME --to TIME), not both and not neither.");
        }
        if (!range && (from != null || to != null || withSegments)) {
            throw new IllegalArgumentException("--from, --to and --with-segments go with --camera.");
        }
        RangeRequest request = null;
        if (range) {
            if (from == null || to == null) {
                throw new IllegalArgumentException("A range export needs --from and --to (" + TimeArgument.HELP + ").");
            }
            Instant start = TimeArgument.parse("--from", from, zoneId);
            Instant end = TimeArgument.parse("--to", to, zoneId);
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("--to must be after --from.");
            }
            request = new RangeRequest(cameras, start, end, withSegments);
        }
        ExportOptions options = ExportOptions.defaults(root.operator()).withZone(zoneId);
        if (zip) {
            options = options.withZip(null);
        }
        ExportResult result;
        try (OpenDatabase open = root.existingDatabase()) {
            Database db = open.database();
            EvidenceExporter exporter = new EvidenceExporter(db);
            result = range ? exporter.exportRange(request, out, options) : exporter.export(events, out, options);
        }
        var print = root.out();
        if (range) {
            print.printf(Locale.ROOT, "Exported %d recording(s) of %s … %s: %d files, %d bytes, to %s%n",
                    result.recordings().size(), request.from(), request.to(), result.files(), result.bytes(),
                    result.folder());
        } else {
            print.printf(Locale.ROOT, "Exported %d event(s): %d files, %d bytes, to %s%n", result.eventIds().size(),
                    result.files(), result.bytes(), result.folder());
        }
        if (result.zip() != null) {
            print.println("Zip: " + result.zip());
        }
        print.println("Manifest sha256: " + result.manifestSha256() + " (in the audit log as export:" + result.exportId() + ")");
        for (String missing : result.missing()) {
            root.err().println("Missing (gone before the export, recorded in the " + (range ? "package" : "event file") + "): " + missing);
        }
        return 0;
    }
}
