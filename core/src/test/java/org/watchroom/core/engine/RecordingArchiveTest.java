package org.watchroom.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.api.ApiServer;
import org.watchroom.core.api.ApiTokens;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.headless.HeadlessRunner;
import org.watchroom.core.settings.ApiSettings;
import org.watchroom.core.settings.SettingKey;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.store.SettingsStore;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.MediaPackets;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestSegments;
import org.watchroom.core.testing.Waits;

/**
 * The archive folder in a running engine (no camera running: the footage is real segments cut from vtest.mp4 and
 * indexed as a camera's, dated about a day back; passes every 200 ms): old segments move while the engine runs, the
 * REST API serves a range across archived and local footage, /metrics and the headless summary count the moves,
 * originals go when the engine stops; an archive that is not mounted is a storage alert and a failure count, and
 * retention keeps the rows of its segments until it is back.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RecordingArchiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path data;
    @TempDir
    Path nas;

    private Engine engine(Database db) {
        return new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty(), DetectionService.off("test"),
                RecordingOptions.defaults().withRecordingRetentionEvery(Duration.ofMillis(200)));
    }

    private boolean archived(Segment s, SegmentStore store) {
        return store.find(s.id()).map(now -> now.path().startsWith(nas.toString())).orElse(false);
    }

    @Test
    void oldSegmentsMoveWhileItRunsAreServedAcrossTheBoundaryCountedAndTheirOriginalsGoAtStop() throws Exception {
        List<Segment> segments;
        long camera;
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        try (Database db = Database.open(data)) {
            camera = new CameraStore(db).add(Camera.create("Gate", "rtsp://gate/1", null, null)
                    .withEnabled(false), People.ADMIN).id();
            // 20 segments of 4 s: the first four are 24 h old at once, the last ones a minute later
            Instant start = Instant.now().minus(Duration.ofHours(24)).minusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
            segments = TestSegments.record(db, camera, "Gate", start, 20, 2);
            new Settings(db).set(SettingKey.RECORDING_ARCHIVE_DIR, nas.toString(), People.ADMIN);
            SegmentStore store = new SegmentStore(db);
            Engine engine = engine(db);
            CountDownLatch stop = new CountDownLatch(1);
            Thread headless = Thread.ofVirtual().start(() -> {
                try {
                    new HeadlessRunner(engine).run(false, null, new PrintStream(summary, true, StandardCharsets.UTF_8),
                            stop);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Waits.until(Duration.ofSeconds(30), () -> archived(segments.get(3), store));
            ApiServer server = ApiServer.start(engine, new ApiSettings(true, "127.0.0.1", 0, List.of()),
                    new ApiTokens(new SettingsStore(db)));
            try {
                String token = new ApiTokens(new SettingsStore(db)).current();
                // a range from archived footage into footage still in the recordings folder
                Segment last = segments.getLast();
                assertThat(archived(last, store)).as("its end is younger than 24 h").isFalse();
                Instant from = segments.get(1).startedAt().plusSeconds(1);
                Instant to = last.endedAt().minusSeconds(1);
                HttpResponse<byte[]> cut = get(server, token, "/api/v1/cameras/" + camera + "/recording.mp4?from=" + from
                        + "&to=" + to);
                assertThat(cut.statusCode()).as(new String(cut.body(), StandardCharsets.UTF_8)).isEqualTo(200);
                Path file = data.resolve("range.mp4");
                Files.write(file, cut.body());
                List<Double> frames = MediaPackets.frameTimes(file);
                for (int i = 1; i < frames.size(); i++) {
                    assertThat(frames.get(i) - frames.get(i - 1)).as("no hole at frame " + i).isCloseTo(0.1, within(0.002));
                }
                assertThat(frames.size() / 10.0).as("every frame of the range, within a GOP")
                        .isCloseTo(Duration.between(from, to).toMillis() / 1000.0, within(2.1));

                Waits.until(Duration.ofSeconds(10), () -> engine.archive().moved() >= 4);
                String metrics = new String(get(server, token, "/metrics").body(), StandardCharsets.UTF_8);
                assertThat(metrics).contains("watchroom_archive_enabled 1").contains("watchroom_archive_failing 0")
                        .contains("watchroom_archive_failures_total 0").contains("# TYPE watchroom_archive_moved_total counter");
                long moved = Long.parseLong(metrics.lines().filter(l -> l.startsWith("watchroom_archive_moved_total "))
                        .findFirst().orElseThrow().split(" ")[1]);
                assertThat(moved).isGreaterThanOrEqualTo(4);
            } finally {
                server.close();
            }
            assertThat(engine.storageAlert()).isEmpty();
            assertThat(Path.of(segments.getFirst().path())).as("the original stays for its grace while running")
                    .isRegularFile();
            stop.countDown();
            headless.join();
            JsonNode json = JSON.readTree(summary.toString(StandardCharsets.UTF_8));
            assertThat(json.get("archive").get("folder").asText()).isEqualTo(nas.toString());
            assertThat(json.get("archive").get("after_hours").asLong()).isEqualTo(24);
            assertThat(json.get("archive").get("moved").asLong()).isGreaterThanOrEqualTo(4);
            assertThat(json.get("archive").get("failures").asLong()).isZero();
            for (Segment s : segments) {
                if (archived(s, store)) {
                    assertThat(Path.of(s.path())).as("stopped: originals of moved segments deleted").doesNotExist();
                } else {
                    assertThat(Path.of(s.path())).isRegularFile();
                }
            }
        }
        Cli.Result verify = Cli.inDataDir(data, "recordings", "verify");
        assertThat(verify.exit()).as(verify.out()).isZero();
        assertThat(verify.out()).startsWith("OK: 20 segment(s)");
    }

    @Test
    void anArchiveThatIsNotMountedIsAnAlertAndAFailureAndRetentionKeepsItsSegmentsUntilItIsBack() throws Exception {
        try (Database db = Database.open(data)) {
            var cameras = new CameraStore(db);
            Camera gate = cameras.add(Camera.create("Gate", "rtsp://gate/1", null, null).withEnabled(false),
                    People.ADMIN);
            Camera yard = cameras.add(Camera.create("Yard", "rtsp://yard/1", null, null).withEnabled(false),
                    People.ADMIN);
            Instant old = Instant.now().minus(Duration.ofHours(30)).truncatedTo(ChronoUnit.SECONDS);
            List<Segment> gates = TestSegments.record(db, gate.id(), "Gate", old, 3, 2);
            new Settings(db).set(SettingKey.RECORDING_ARCHIVE_DIR, nas.toString(), People.ADMIN);
            SegmentStore store = new SegmentStore(db);
            try (Engine engine = engine(db)) {
                engine.start(false);
                Waits.until(Duration.ofSeconds(30), () -> gates.stream().allMatch(s -> archived(s, store)));

                Path away = Files.move(nas, nas.resolveSibling(nas.getFileName() + "-unmounted"));
                Files.createDirectories(nas); // the empty mount point
                Waits.until(Duration.ofSeconds(10), () -> engine.archive().failing());
                assertThat(engine.archive().failures()).isPositive();
                assertThat(engine.archive().problem()).contains("cannot be used").contains("not mounted");
                assertThat(engine.storageAlert()).get().asString().startsWith("Archive failing: The archive folder "
                        + "cannot be used");

                // another camera's old footage stays in the recordings folder meanwhile (nothing goes under the
                // mount point) and, once it is past its keep days, is deleted there
                List<Segment> yards = TestSegments.record(db, yard.id(), "Yard", old, 2, 2);
                cameras.update(gate.withRecording("{\"keep_days\": 1}"), People.ADMIN);
                cameras.update(yard.withRecording("{\"keep_days\": 1}"), People.ADMIN);
                Waits.until(Duration.ofSeconds(20), () -> store.all(yard.id()).isEmpty());
                assertThat(yards).allSatisfy(s -> assertThat(Path.of(s.path())).doesNotExist());
                try (Stream<Path> mountPoint = Files.list(nas)) {
                    assertThat(mountPoint).isEmpty();
                }
                // the same pass kept the archived footage: not mounted is not deleted
                assertThat(store.all(gate.id())).extracting(Segment::id)
                        .containsExactlyElementsOf(gates.stream().map(Segment::id).toList());
                assertThat(new AuditLog(db.jdbi()).about("camera:" + gate.id()).stream()
                        .filter(a -> a.action().equals("recording.delete"))).isEmpty();

                Files.delete(nas);
                Files.move(away, nas); // mounted again
                Waits.until(Duration.ofSeconds(20), () -> store.all(gate.id()).isEmpty());
                Waits.until(Duration.ofSeconds(10), () -> !engine.archive().failing());
                assertThat(engine.storageAlert()).isEmpty();
                try (Stream<Path> files = Files.walk(nas.resolve("recordings"))) {
                    assertThat(files.filter(Files::isRegularFile)).as("deleted in the archive").isEmpty();
                }
                assertThat(new AuditLog(db.jdbi()).about("camera:" + gate.id()).stream()
                        .filter(a -> a.action().equals("recording.delete"))).singleElement()
                        .satisfies(a -> assertThat(a.detail()).contains("3 segments").doesNotContain("missing"));
            }
        }
    }

    private static HttpResponse<byte[]> get(ApiServer server, String token, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
