package org.watchroom.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.Segment;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.MediaPackets;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestSegments;

/**
 * {@code watchroom export --camera … --from … --to …}: one MP4 per camera cut from real segments, the segments'
 * hashes and chain in the package, an audit row, and {@code watchroom verify} that passes it and fails a flipped byte
 * or a doctored chain.
 */
class RangeExportTest {
    private static final Instant T0 = Instant.parse("2026-05-10T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    private record Setup(Path data, long gate, long yard, List<Segment> gateSegments, List<Segment> yardSegments) {
    }

    private Setup record() throws Exception {
        Path data = dir.resolve("data");
        try (Database db = Database.open(data)) {
            CameraStore cameras = new CameraStore(db);
            long gate = cameras.add(Camera.create("Gate", "rtsp://admin:pw9secret@gate/1", null, "North"), People.ADMIN).id();
            long yard = cameras.add(Camera.create("Yard", "rtsp://yard/1", null, null), People.ADMIN).id();
            List<Segment> g = TestSegments.record(db, gate, "Gate", T0, 4, 5);
            List<Segment> y = TestSegments.record(db, yard, "Yard", T0.plusSeconds(20), 2, 5);
            new GapStore(db).add(yard, T0, T0.plusSeconds(20), RecordingGap.Reason.OFFLINE, "no answer");
            return new Setup(data, gate, yard, g, y);
        }
    }

    @Test
    void aRangeOfTwoCamerasExportsOneCutEachWithTheChainAndVerifies() throws Exception {
        Setup s = record();
        Path out = dir.resolve("case");
        // local times, read in the zone given
        Cli.Result export = Cli.inDataDir(s.data(), "export", "--camera", s.gate() + "," + s.yard(), "--from",
                "2026-05-10T12:00:05", "--to", "2026-05-10 12:00:33", "--time-zone", "Europe/Berlin", "--out",
                out.toString(), "--with-segments");
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains("Exported 2 recording(s) of 2026-05-10T10:00:05Z … 2026-05-10T10:00:33Z")
                .contains("Manifest sha256: ");

        Path gateCut = out.resolve("recordings/camera-" + s.gate() + ".mp4");
        Path yardCut = out.resolve("recordings/camera-" + s.yard() + ".mp4");
        double gateSeconds = seconds(gateCut);
        assertThat(gateSeconds).as("within one GOP of the 28 s asked for").isCloseTo(28, within(2.0));
        assertThat(seconds(yardCut)).as("the yard recorded from 20 s on").isCloseTo(13, within(2.0));
        List<Double> frames = MediaPackets.frameTimes(gateCut);
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i) - frames.get(i - 1)).as("continuous across boundaries, frame " + i)
                    .isCloseTo(0.1, within(0.002));
        }

        JsonNode doc = JSON.readTree(out.resolve("recordings/camera-" + s.gate() + ".json").toFile());
        assertThat(doc.get("format").asText()).isEqualTo("watchroom-recording");
        assertThat(doc.get("camera").get("name").asText()).isEqualTo("Gate");
        assertThat(doc.toString()).doesNotContain("pw9secret");
        assertThat(doc.get("requested_from").asText()).isEqualTo("2026-05-10T10:00:05Z");
        assertThat(doc.get("requested_from_local").asText()).isEqualTo("2026-05-10T12:00:05+02:00");
        assertThat(doc.get("started_at").asText()).isEqualTo("2026-05-10T10:00:04.200Z"); // keyframe before 05
        assertThat(doc.get("sha256").asText()).isEqualTo(Sha256.of(gateCut));
        assertThat(doc.get("stream_copied").asBoolean()).isTrue();
        JsonNode segments = doc.get("segments");
        assertThat(segments).hasSize(4);
        for (int i = 0; i < 4; i++) {
            Segment recorded = s.gateSegments().get(i);
            JsonNode entry = segments.get(i);
            assertThat(entry.get("id").asLong()).isEqualTo(recorded.id());
            assertThat(entry.get("sha256").asText()).isEqualTo(recorded.sha256());
            assertThat(entry.get("prev_sha256").asText()).isEqualTo(recorded.prevSha256());
            assertThat(entry.get("link").asText()).isEqualTo(i == 0 ? "first" : "follows");
            Path copy = out.resolve(entry.get("file").asText());
            assertThat(Sha256.of(copy)).as("the copied segment is the recorded one").isEqualTo(recorded.sha256());
        }
        JsonNode yardDoc = JSON.readTree(out.resolve("recordings/camera-" + s.yard() + ".json").toFile());
        assertThat(yardDoc.get("gaps")).hasSize(1);
        assertThat(yardDoc.get("gaps").get(0).get("reason").asText()).isEqualTo("offline");

        try (Database db = Database.open(s.data())) {
            AuditEntry row = new AuditLog(db.jdbi()).recent(1).getFirst();
            assertThat(row.action()).isEqualTo("evidence.export");
            assertThat(row.detail()).contains("recordings of camera " + s.gate() + " (Gate), " + s.yard() + " (Yard)")
                    .contains("2026-05-10T10:00:05Z").contains(Sha256.of(out.resolve("manifest.json")));
        }

        Cli.Result ok = Cli.run("verify", out.toString());
        assertThat(ok.exit()).as(ok.out()).isZero();
        assertThat(ok.out()).startsWith("OK: ");

        // a doctored chain, manifest rewritten to match, is still caught: the segments no longer follow each other
        Path copy = dir.resolve("doctored");
        copyTree(out, copy);
        Path docFile = copy.resolve("recordings/camera-" + s.gate() + ".json");
        ObjectNode doctored = (ObjectNode) JSON.readTree(docFile.toFile());
        ((ObjectNode) doctored.get("segments").get(2)).put("prev_sha256", "f".repeat(64));
        Files.write(docFile, JSON.writeValueAsBytes(doctored));
        rewriteManifest(copy);
        Cli.Result chain = Cli.run("verify", copy.toString());
        assertThat(chain.exit()).isEqualTo(1);
        assertThat(chain.out()).startsWith("CHAIN_BROKEN: recordings/camera-" + s.gate() + ".json")
                .contains("segment " + s.gateSegments().get(2).id());

        EvidenceExportTest.flipOneByte(gateCut, Files.size(gateCut) / 2);
        Cli.Result bad = Cli.run("verify", out.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.out().strip()).isEqualTo("MISMATCH: recordings/camera-" + s.gate() + ".mp4 (sha256 differs)");
    }

    @Test
    void anAlteredSegmentStopsTheExportAndProgressAndCancelWork() throws Exception {
        Setup s = record();
        try (Database db = Database.open(s.data())) {
            EvidenceExporter exporter = new EvidenceExporter(db);
            List<long[]> progress = new ArrayList<>();
            AtomicLong calls = new AtomicLong();
            ExportResult done = exporter.exportRange(new RangeRequest(List.of(s.gate()), T0, T0.plusSeconds(40), false),
                    dir.resolve("full"), ExportOptions.defaults(People.ADMIN)
                            .withProgress((d, t) -> progress.add(new long[] {d, t}), () -> false));
            assertThat(done.recordings()).containsExactly("recordings/camera-" + s.gate() + ".mp4");
            assertThat(done.eventIds()).isEmpty();
            assertThat(progress).hasSizeGreaterThan(3);
            for (int i = 1; i < progress.size(); i++) {
                assertThat(progress.get(i)[0]).isGreaterThanOrEqualTo(progress.get(i - 1)[0]);
            }
            assertThat(progress.getLast()[0]).isEqualTo(progress.getLast()[1]);

            Path cancelled = dir.resolve("cancelled");
            assertThatThrownBy(() -> exporter.exportRange(new RangeRequest(List.of(s.gate()), T0, T0.plusSeconds(40),
                    true), cancelled, ExportOptions.defaults(People.ADMIN).withProgress((d, t) -> { },
                    () -> calls.incrementAndGet() > 30))).isInstanceOf(ExportCancelledException.class);
            assertThat(cancelled).doesNotExist();
            try (Stream<Path> left = Files.list(dir)) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
            }

            assertThatThrownBy(() -> exporter.exportRange(new RangeRequest(List.of(s.gate()), T0.plusSeconds(600),
                    T0.plusSeconds(700), false), dir.resolve("empty"), ExportOptions.defaults(People.ADMIN)))
                    .isInstanceOf(EvidenceException.class).hasMessageContaining("Nothing was recorded");
            assertThatThrownBy(() -> exporter.exportRange(new RangeRequest(List.of(s.gate()), T0, T0.plusSeconds(40),
                    false), dir.resolve("op"), ExportOptions.defaults(People.OPERATOR)))
                    .hasMessageContaining("export evidence");
        }
        Segment second = s.gateSegments().get(1);
        EvidenceExportTest.flipOneByte(Path.of(second.path()), 5000);
        Cli.Result refused = Cli.inDataDir(s.data(), "export", "--camera", String.valueOf(s.gate()), "--from",
                T0.toString(), "--to", T0.plusSeconds(30).toString(), "--out", dir.resolve("altered").toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("Segment " + second.id() + " of camera 'Gate'")
                .contains("was altered after it was recorded");
        assertThat(dir.resolve("altered")).doesNotExist();

        Cli.Result both = Cli.inDataDir(s.data(), "export", "--camera", "1", "--event", "1", "--out", dir.resolve("x").toString());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("not both");
        Cli.Result noTo = Cli.inDataDir(s.data(), "export", "--camera", "1", "--from", "2026-05-10", "--out",
                dir.resolve("x").toString());
        assertThat(noTo.err()).contains("needs --from and --to");
        Cli.Result help = Cli.run("export", "--help");
        assertThat(help.out()).contains("ISO-8601").contains("local time");
    }

    private static double seconds(Path file) {
        List<MediaPackets.Packet> packets = MediaPackets.of(file);
        double last = packets.stream().mapToDouble(MediaPackets.Packet::pts).max().orElseThrow();
        return last + 0.1 - packets.getFirst().dts();
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** What someone who edits a package and covers their tracks does: recompute every hash in the manifest. */
    private static void rewriteManifest(Path folder) throws Exception {
        Manifest m = ManifestIo.read(Files.readAllBytes(folder.resolve("manifest.json")));
        List<ManifestFile> files = new ArrayList<>();
        for (ManifestFile f : m.files()) {
            Path file = PackagePaths.resolve(folder, f.path());
            files.add(new ManifestFile(f.path(), Files.size(file), Sha256.of(file)));
        }
        Files.write(folder.resolve("manifest.json"), ManifestIo.write(new Manifest(m.exportId(), m.createdAt(),
                m.createdBy(), m.watchroomVersion(), m.timeZone(), m.events(), files)));
    }
}
