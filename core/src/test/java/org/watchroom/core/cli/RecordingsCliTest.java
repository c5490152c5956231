package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.record.RecordingPolicy;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestSegments;

/**
 * {@code watchroom recordings list|verify} and the recording options of {@code cameras add|set}, in-process on a
 * real data folder whose segments are real MP4 files cut from vtest.mp4.
 */
class RecordingsCliTest {
    private static final Instant T0 = Instant.parse("2026-03-01T23:59:40Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path data;

    private Cli.Result run(String... args) {
        return Cli.inDataDir(data, args);
    }

    private record Recorded(long camera, List<Segment> segments) {
    }

    private Recorded record(int count) throws Exception {
        try (Database db = Database.open(data)) {
            long camera = new CameraStore(db).add(Camera.create("Gate", "rtsp://gate/1", null, null), People.ADMIN).id();
            List<Segment> segments = TestSegments.record(db, camera, "Gate", T0, count, 5);
            new GapStore(db).add(camera, T0.minusSeconds(600), T0, RecordingGap.Reason.OFFLINE, "camera unreachable");
            return new Recorded(camera, segments);
        }
    }

    @Test
    void listNamesEachSegmentWithItsHashAndTheGapsAndFiltersByLocalOrZonedTime() throws Exception {
        Recorded rec = record(3);
        Cli.Result all = run("recordings", "list", "--camera", String.valueOf(rec.camera()), "--json");
        assertThat(all.exit()).as(all.err()).isZero();
        JsonNode json = JSON.readTree(all.out());
        assertThat(json.get("camera_name").asText()).isEqualTo("Gate");
        assertThat(json.get("segments")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode s = json.get("segments").get(i);
            Segment stored = rec.segments().get(i);
            assertThat(s.get("id").asLong()).isEqualTo(stored.id());
            assertThat(s.get("started_at").asText()).isEqualTo(stored.startedAt().toString());
            assertThat(s.get("ended_at").asText()).isEqualTo(stored.endedAt().toString());
            assertThat(s.get("path").asText()).isEqualTo(stored.path());
            assertThat(s.get("bytes").asLong()).isEqualTo(Files.size(Path.of(stored.path())));
            assertThat(s.get("sha256").asText()).isEqualTo(TestSegments.sha256(Path.of(stored.path())));
            assertThat(s.get("prev_sha256").asText()).isEqualTo(i == 0 ? Segment.NO_PREVIOUS
                    : rec.segments().get(i - 1).sha256());
        }
        assertThat(json.get("gaps")).hasSize(1);
        assertThat(json.get("gaps").get(0).get("reason").asText()).isEqualTo("offline");

        // local time without a zone, in the zone given: 00:00:02 to 00:00:05 UTC lies in the third segment only
        Cli.Result local = run("recordings", "list", "--camera", String.valueOf(rec.camera()), "--from",
                "2026-03-02T00:00:02", "--to", "2026-03-02 00:00:05", "--time-zone", "UTC", "--json");
        assertThat(local.exit()).as(local.err()).isZero();
        assertThat(JSON.readTree(local.out()).get("segments")).extracting(n -> n.get("id").asLong())
                .containsExactly(rec.segments().get(2).id());
        // the same moment with an offset, from a machine two hours east
        Cli.Result zoned = run("recordings", "list", "--camera", String.valueOf(rec.camera()), "--from",
                "2026-03-02T01:59:55+02:00", "--to", "2026-03-02T02:00:05+02:00", "--json");
        assertThat(JSON.readTree(zoned.out()).get("segments")).extracting(n -> n.get("id").asLong())
                .containsExactly(rec.segments().get(1).id(), rec.segments().get(2).id());

        Cli.Result text = run("recordings", "list", "--camera", String.valueOf(rec.camera()), "--time-zone", "UTC");
        assertThat(text.out()).contains("3 segment(s)").contains(rec.segments().get(1).path())
                .contains(rec.segments().get(1).sha256()).contains("gap\t").contains("camera unreachable");

        Cli.Result bad = run("recordings", "list", "--camera", String.valueOf(rec.camera()), "--from", "yesterday");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("watchroom: --from: 'yesterday' is not a time").doesNotContain("\n");
        Cli.Result unknown = run("recordings", "list", "--camera", "99");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("No camera with id 99.");
        Cli.Result help = run("recordings", "list", "--help");
        assertThat(help.out()).contains("ISO-8601").contains("local time");
    }

    @Test
    void verifyNamesAFlippedByteThenAMissingFileThenARemovedSegment() throws Exception {
        Recorded rec = record(3);
        Cli.Result ok = run("recordings", "verify");
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).startsWith("OK: 3 segment(s) of 1 camera(s) verified").contains("hash chain intact");

        Segment second = rec.segments().get(1);
        Path secondFile = Path.of(second.path());
        flip(secondFile, Files.size(secondFile) / 2);
        Cli.Result altered = run("recordings", "verify", "--camera", String.valueOf(rec.camera()));
        assertThat(altered.exit()).isEqualTo(1);
        assertThat(altered.out()).startsWith("ALTERED: segment " + second.id() + " ").contains(second.path())
                .contains("sha256 differs");
        flip(secondFile, Files.size(secondFile) / 2); // back as recorded
        assertThat(run("recordings", "verify").exit()).isZero();

        Segment third = rec.segments().get(2);
        Path kept = data.resolve("kept.mp4");
        Files.move(Path.of(third.path()), kept);
        Cli.Result missing = run("recordings", "verify");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.out()).startsWith("MISSING: segment " + third.id() + " ").contains("the file is gone");
        Files.move(kept, Path.of(third.path()));

        // the middle segment removed, row and file: the next one's prev_sha256 points at nothing
        Files.delete(secondFile);
        try (Database db = Database.open(data)) {
            new SegmentStore(db).delete(second.id());
        }
        Cli.Result unchained = run("recordings", "verify");
        assertThat(unchained.exit()).isEqualTo(1);
        assertThat(unchained.out()).startsWith("CHAIN BROKEN: segment " + third.id() + " ")
                .contains("segment " + rec.segments().get(0).id());
        // a deletion the audit log accounts for (retention around a held event) keeps the chain whole
        try (Database db = Database.open(data)) {
            new AuditLog(db.jdbi()).append("system:retention", "recording.delete",
                    "segment:" + second.id(), "sha256 " + second.sha256());
        }
        assertThat(run("recordings", "verify").exit()).isZero();
    }

    private static void flip(Path file, long offset) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x01);
        }
    }

    @Test
    void camerasAddAndSetTakeARecordingPolicyAndRefuseBadValuesInOneLine() throws Exception {
        Cli.Result added = run("cameras", "add", "--name", "Yard", "--url", "rtsp://yard/1", "--record", "motion",
                "--keep-days", "14", "--keep-size", "20M");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("recording motion, keep 14 days, keep at most 20M");
        Cli.Result plain = run("cameras", "add", "--name", "Hall", "--url", "rtsp://hall/1");
        assertThat(plain.out()).contains("recording continuous");

        for (String[] bad : new String[][] {
                {"--record", "sometimes"}, {"--keep-size", "12Q"}, {"--keep-size", "10K"}, {"--keep-days", "-3"},
                {"--keep-days", "ten"}, {"--segment-seconds", "5"}}) {
            Cli.Result refused = run("cameras", "add", "--name", "Bad" + bad[1], "--url", "rtsp://bad/1", bad[0], bad[1]);
            assertThat(refused.exit()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(refused.err().strip()).as(String.join(" ", bad)).startsWith("watchroom: ").doesNotContain("\n")
                    .doesNotContain("Usage");
            Cli.Result refusedSet = run("cameras", "set", "1", bad[0], bad[1]);
            assertThat(refusedSet.exit()).isEqualTo(2);
            assertThat(refusedSet.err().strip()).isEqualTo(refused.err().strip());
        }
        assertThat(run("cameras", "add", "--name", "X", "--url", "rtsp://x/1", "--record", "sometimes").err())
                .contains("Recording mode must be continuous, motion, events or off, not 'sometimes'.");
        assertThat(run("cameras", "add", "--name", "X", "--url", "rtsp://x/1", "--keep-size", "12Q").err())
                .contains("--keep-size: A size is a number with an optional unit K, M, G or T");

        Cli.Result set = run("cameras", "set", "1", "--record", "continuous", "--keep-size", "500G", "--keep-days", "none");
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).contains("Updated camera 1: Yard").contains("recording continuous, keep at most 500G");
        try (Database db = Database.open(data)) {
            RecordingPolicy stored = RecordingPolicy.parse(new CameraStore(db).find(1).orElseThrow().recording());
            assertThat(stored.mode()).isEqualTo(RecordingPolicy.Mode.CONTINUOUS);
            assertThat(stored.keepDays()).isNull();
            assertThat(stored.keepBytes()).isEqualTo(500L << 30);
        }
        Cli.Result renamed = run("cameras", "set", "1", "--name", "Back yard", "--no-enabled");
        assertThat(renamed.out()).contains("Back yard").contains("(disabled)").contains("keep at most 500G");

        JsonNode list = JSON.readTree(run("cameras", "list", "--json").out());
        assertThat(list.get(0).get("recording").get("mode").asText()).isEqualTo("continuous");
        assertThat(list.get(0).get("recording").get("keep_size").asText()).isEqualTo("500G");
        assertThat(list.get(1).get("recording").get("mode").asText()).isEqualTo("continuous");
        assertThat(run("cameras", "list").out()).contains("recording continuous, keep at most 500G");

        Cli.Result nothing = run("cameras", "set", "1");
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("Nothing to change");
        Cli.Result unknown = run("cameras", "set", "9", "--record", "off");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("watchroom: No camera with id 9.");
    }
}
