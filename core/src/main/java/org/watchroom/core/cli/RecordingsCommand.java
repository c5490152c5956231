package org.watchroom.core.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.watchroom.core.record.RecordingVerification;
import org.watchroom.core.record.RecordingVerifier;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code watchroom recordings list|verify}: a camera's recorded segments and gaps, and the proof that every segment
 * file is what was recorded (re-hash plus each camera's hash chain; exit 1 naming the first that is not).
 *
 * <p>Thread-safety: one invocation per instance.
 */
@Command(name = "recordings", description = "Continuous recording: segments, gaps and their hash chain.",
        mixinStandardHelpOptions = true, subcommands = {RecordingsCommand.ListSegments.class,
        RecordingsCommand.Verify.class})
final class RecordingsCommand {
    /** Far enough out that no recording lies beyond it; the database keeps years 1 to 9999. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    @ParentCommand
    WatchroomCli root;

    static Camera camera(Database db, long id) {
        return new CameraStore(db).find(id)
                .orElseThrow(() -> new IllegalArgumentException("No camera with id " + id + "."));
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List a camera's segments (start, end, path, bytes, sha256) and gaps, oldest first.")
    static final class ListSegments implements Callable<Integer> {
        @ParentCommand RecordingsCommand parent;
        @Option(names = "--camera", paramLabel = "ID", required = true, description = "The camera's id.") long camera;
        @Option(names = "--from", paramLabel = "TIME", description = "Only what reaches after this time ("
                + TimeArgument.HELP + ").") String from;
        @Option(names = "--to", paramLabel = "TIME", description = "Only what begins before this time (same forms).")
        String to;
        @Option(names = "--time-zone", paramLabel = "ZONE",
                description = "Zone of times typed without one, and of the times printed (default: this machine's).")
        String zone;
        @Option(names = "--json", description = "Print JSON (times in UTC).") boolean json;

        @Override
        public Integer call() {
            ZoneId zoneId = TimeArgument.zone(zone);
            Instant start = from == null ? EARLIEST : TimeArgument.parse("--from", from, zoneId);
            Instant end = to == null ? LATEST : TimeArgument.parse("--to", to, zoneId);
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("--to must be after --from.");
            }
            Camera cam;
            List<Segment> segments;
            List<RecordingGap> gaps;
            try (OpenDatabase open = parent.root.existingDatabase()) {
                Database db = open.database();
                cam = camera(db, camera);
                segments = new SegmentStore(db).list(camera, start, end);
                gaps = new GapStore(db).list(camera, start, end);
            }
            PrintStream out = parent.root.out();
            if (json) {
                out.println(json(cam, from == null ? null : start, to == null ? null : end, segments, gaps));
            } else {
                print(out, cam, segments, gaps, zoneId);
            }
            return 0;
        }

        private static String json(Camera cam, Instant from, Instant to, List<Segment> segments, List<RecordingGap> gaps) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("camera_id", cam.id());
            root.put("camera_name", cam.name());
            root.put("from", text(from));
            root.put("to", text(to));
            ArrayNode list = root.putArray("segments");
            for (Segment s : segments) {
                ObjectNode n = list.addObject();
                n.put("id", s.id());
                n.put("started_at", text(s.startedAt()));
                n.put("ended_at", text(s.endedAt()));
                n.put("duration_s", s.duration() == null ? null : s.duration().toMillis() / 1000.0);
                n.put("path", s.path());
                n.put("bytes", s.bytes());
                n.put("sha256", s.sha256());
                n.put("prev_sha256", s.prevSha256());
                n.put("codec", s.codec());
                n.put("stream_copied", s.streamCopied());
                n.put("interrupted", s.interrupted());
                n.put("open", s.open());
            }
            ArrayNode holes = root.putArray("gaps");
            for (RecordingGap g : gaps) {
                holes.addObject().put("started_at", text(g.startedAt())).put("ended_at", text(g.endedAt()))
                        .put("reason", g.reason().dbValue()).put("detail", g.detail());
            }
            return root.toString();
        }

        private static void print(PrintStream out, Camera cam, List<Segment> segments, List<RecordingGap> gaps,
                                 ZoneId zone) {
            if (segments.isEmpty() && gaps.isEmpty()) {
                out.println("No recordings of camera " + cam.id() + " (" + cam.name() + ") in that time.");
                return;
            }
            record Line(Instant at, String text) { }
            List<Line> lines = new ArrayList<>();
            long bytes = 0;
            for (Segment s : segments) {
                bytes += s.bytes() == null ? 0 : s.bytes();
                lines.add(new Line(s.startedAt(), String.format(Locale.ROOT, "%d\t%s\t%s\t%s\t%s\t%s\t%s%s",
                        s.id(), local(s.startedAt(), zone), s.open() ? "(recording)" : local(s.endedAt(), zone),
                        s.duration() == null ? "-" : String.format(Locale.ROOT, "%.1f s", s.duration().toMillis() / 1000.0),
                        s.bytes() == null ? "-" : s.bytes(), s.sha256() == null ? "-" : s.sha256(), s.path(),
                        s.interrupted() ? "\t(interrupted)" : "")));
            }
            for (RecordingGap g : gaps) {
                lines.add(new Line(g.startedAt(), "gap\t" + local(g.startedAt(), zone) + "\t"
                        + (g.open() ? "(ongoing)" : local(g.endedAt(), zone)) + "\t" + g.reason().dbValue()
                        + (g.detail() == null ? "" : "\t" + g.detail())));
            }
            lines.sort(Comparator.comparing(Line::at));
            out.println("Camera " + cam.id() + " (" + cam.name() + "): " + segments.size() + " segment(s), "
                    + bytes + " bytes, " + gaps.size() + " gap(s)");
            out.println("id\tstart\tend\tduration\tbytes\tsha256\tpath");
            lines.forEach(l -> out.println(l.text()));
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Re-hash every segment file and check each camera's hash chain; exit 1 naming the first "
                    + "altered, missing or unchained segment.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand RecordingsCommand parent;
        @Option(names = "--camera", paramLabel = "ID", description = "Only this camera (default: all).") Long camera;

        @Override
        public Integer call() {
            RecordingVerification result;
            // a long check (months of footage) says how far it is on stderr every 10 s; stdout keeps the one result line
            long[] next = {System.nanoTime() + 10_000_000_000L};
            RecordingVerifier.Progress progress = (segment, index, total) -> {
                if (System.nanoTime() >= next[0]) {
                    next[0] = System.nanoTime() + 10_000_000_000L;
                    parent.root.err().printf(Locale.ROOT, "checked %d of %d segments…%n", index, total);
                }
            };
            try (OpenDatabase open = parent.root.existingDatabase()) {
                Database db = open.database();
                RecordingVerifier verifier = new RecordingVerifier(db);
                if (camera != null) {
                    camera(db, camera);
                    result = verifier.verifyCamera(camera, progress);
                } else {
                    result = verifier.verifyAll(progress);
                }
            }
            return switch (result) {
                case RecordingVerification.Ok ok -> {
                    parent.root.out().println(ok.line());
                    yield 0;
                }
                case RecordingVerification.Failed failed -> {
                    parent.root.out().println(failed.line());
                    yield 1;
                }
            };
        }
    }

    static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    static String local(Instant t, ZoneId zone) {
        return t == null ? "-" : OffsetDateTime.ofInstant(t, zone).toString();
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
