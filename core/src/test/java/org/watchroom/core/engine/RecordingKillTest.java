package org.watchroom.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.cli.WatchroomCli;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.record.DecodedFrames;
import org.watchroom.core.record.internal.Mp4Fragments;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.Waits;

/**
 * {@code kill -9} of a headless engine (a child JVM) in the middle of a segment, then a restart: the segment is
 * closed, hashed and marked interrupted, ends at its last complete fragment and plays up to there, the engine's
 * absence is an {@code engine_down} gap, and the hash chain goes on across the crash.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RecordingKillTest {
    @TempDir
    Path dir;

    @Test
    void killNineInASegmentThenRestartClosesHashesAndMarksItInterruptedAndStoresTheGap() throws Exception {
        Path data = dir.resolve("data");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(WatchroomCli.run(new String[] {"--data-dir", data.toString(), "cameras", "add", "--name", "Street",
                "--url", TestMedia.file("vtest.mp4") + "?loop=1"}, null, new PrintStream(out), System.err)).isZero();
        People.enrolAdmin(data); // the configured camera waits for the first administrator
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process engine = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), WatchroomCli.class.getName(), "--headless",
                "--no-detect", "--duration", "120", "--data-dir", data.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("engine.log").toFile()).start();
        Path segment;
        Instant killedAt;
        try {
            // vtest.mp4 is about 110 KB/s with a keyframe every 2 s: 400 KB is three fragments into the first segment
            Waits.until(Duration.ofSeconds(60), () -> newestSegment(data).map(p -> size(p) > 400_000).orElse(false));
            segment = newestSegment(data).orElseThrow();
        } finally {
            engine.destroyForcibly(); // SIGKILL: no trailer, no shutdown hook, the row stays open
            engine.waitFor(10, TimeUnit.SECONDS);
            killedAt = Instant.now();
        }
        long sizeAtKill = Files.size(segment);

        ByteArrayOutputStream restart = new ByteArrayOutputStream();
        assertThat(WatchroomCli.run(new String[] {"--headless", "--no-detect", "--duration", "2", "--data-dir",
                data.toString()}, null, new PrintStream(restart, true, StandardCharsets.UTF_8), System.err)).isZero();

        JsonNode summary = new ObjectMapper()
                .readTree(restart.toString(StandardCharsets.UTF_8)).get("cameras").get(0);
        assertThat(summary.get("recording").asText()).isEqualTo("continuous");
        assertThat(summary.at("/segments/packets_received").asLong()).as("the restarted engine records").isPositive();
        assertThat(summary.at("/segments/packets_dropped").asLong()).isZero();
        try (Database db = Database.open(data)) {
            Camera street = new CameraStore(db).list().getFirst();
            List<Segment> segments = new SegmentStore(db).all(street.id());
            Segment killed = segments.stream().filter(s -> s.path().equals(segment.toString())).findFirst()
                    .orElseThrow();
            assertThat(killed.open()).isFalse();
            assertThat(killed.interrupted()).isTrue();
            assertThat(killed.bytes()).isEqualTo(Files.size(segment)).isLessThanOrEqualTo(sizeAtKill);
            assertThat(Mp4Fragments.completeLength(segment)).as("the file ends on its last complete fragment")
                    .isEqualTo(Files.size(segment));
            assertThat(killed.sha256()).isEqualTo(Sha256.of(segment));
            assertThat(killed.prevSha256()).isEqualTo(Segment.NO_PREVIOUS);
            DecodedFrames frames = DecodedFrames.of(segment);
            assertThat(frames.firstPacketKey()).isTrue();
            assertThat(frames.frames()).as("plays up to its last fragment (10 fps)")
                    .hasSizeGreaterThanOrEqualTo(30)
                    .hasSizeBetween((int) (killed.duration().toMillis() / 100) - 1,
                            (int) (killed.duration().toMillis() / 100) + 3);
            assertThat(killed.endedAt()).isEqualTo(killed.startedAt().plus(killed.duration()));

            List<RecordingGap> gaps = new GapStore(db).list(street.id(), Instant.EPOCH, Instant.now().plusSeconds(60));
            RecordingGap down = gaps.stream().filter(g -> g.reason() == RecordingGap.Reason.ENGINE_DOWN)
                    .findFirst().orElseThrow();
            assertThat(down.startedAt()).as("from the end of what was recorded").isEqualTo(killed.endedAt());
            assertThat(new AuditLog(db.jdbi()).about("segment:" + killed.id()))
                    .anySatisfy(a -> assertThat(a.action()).isEqualTo("segment.recover"));

            // the restarted engine recorded on, chained to the recovered segment
            Segment next = segments.get(segments.indexOf(killed) + 1);
            assertThat(down.endedAt()).as("to where the restarted engine recorded again").isEqualTo(next.startedAt())
                    .isAfter(killedAt);
            assertThat(next.prevSha256()).isEqualTo(killed.sha256());
            assertThat(next.interrupted()).isFalse();
        }
    }

    private static Optional<Path> newestSegment(Path data) {
        Path recordings = data.resolve("recordings");
        if (!Files.isDirectory(recordings)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(recordings)) {
            return files.filter(p -> p.toString().endsWith(".mp4")).max(Path::compareTo);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
