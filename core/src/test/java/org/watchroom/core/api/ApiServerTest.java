package org.watchroom.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.core.api.ApiHttp.json;
import static org.watchroom.core.api.ApiHttp.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Role;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.LiveCamera;
import org.watchroom.core.engine.RecordingOptions;
import org.watchroom.core.record.RecordSettings;
import org.watchroom.core.settings.ApiSettings;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.ClipStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.store.SettingsStore;
import org.watchroom.core.testing.Closing;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.Tee;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.Waits;

/**
 * Every endpoint's happy path, auth and bad input, with java.net.http against a real server over a real engine
 * (a looping file camera, real H2 file, real MP4 clips). One engine for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiServerTest {
    private static final String PASSWORD = "Sup3rSecretPw";
    @TempDir
    static Path dir;
    private Database db;
    private Engine engine;
    private ApiServer server;
    private ApiHttp http;
    private Camera pattern;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    /** The token-guessing slowdown's clock (nanoseconds), moved by hand past its quiet minute. */
    private final AtomicLong clock = new AtomicLong();
    private PrintStream originalErr;

    @BeforeAll
    void start() {
        originalErr = System.err;
        System.setErr(new PrintStream(new Tee(originalErr, log), true, StandardCharsets.UTF_8));
        db = Database.open(dir.resolve("data"));
        RecordSettings shortClips = RecordSettings.defaults().withPreRoll(Duration.ofSeconds(1))
                .withPostRoll(Duration.ofSeconds(1));
        engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty(),
                DetectionService.off("test"),
                RecordingOptions.defaults().withClips(shortClips).withMinFreeBytes(1 << 20));
        pattern = engine.store().add(Camera.create("Pattern", TestMedia.file("vtest.mp4") + "?loop=1", null, "Hall")
                .withRecording("{\"mode\": \"events\"}") // its events' clips are the clip files served at /clips
                .withDetectSettings("{\"enabled\": false}").withEventRules("{\"end_after_s\": 1}"), People.ADMIN);
        engine.start(false);
        server = ApiServer.start(engine, new ApiSettings(true, "127.0.0.1", 0, List.of()),
                new ApiTokens(new SettingsStore(db), new UserStore(db)), new ApiServer.Tuning(clock::get, Duration.ofSeconds(30)));
        http = new ApiHttp("http://127.0.0.1:" + server.port(), new ApiTokens(new SettingsStore(db)).current());
        LiveCamera live = engine.cameras().getFirst();
        Waits.until(Duration.ofSeconds(15), () -> live.display().state() instanceof CameraState.Live);
    }

    @AfterAll
    void stop() {
        Closing.all(server, engine, db);
        System.setErr(originalErr);
    }

    @Test
    @Order(1)
    void healthNeedsNoTokenAndCountsCameras() {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(http.base + "/api/v1/health")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.get("db_ok").asBoolean()).isTrue();
        assertThat(body.get("cameras_total").asInt()).isEqualTo(1);
        assertThat(body.get("cameras_live").asInt()).isEqualTo(1);
        assertThat(body.get("disk_free_bytes").asLong()).isPositive();
        assertThat(body.has("version")).isTrue();
        assertThat(body.has("uptime_s")).isTrue();
    }

    @Test
    @Order(2)
    void everyOtherEndpointNeedsTheToken() {
        for (String path : List.of("/api/v1/cameras", "/api/v1/events", "/api/v1/stats", "/metrics",
                "/api/v1/openapi.json", "/api/v1/cameras/" + pattern.id() + "/snapshot.jpg", "/api/v1/nothing-here")) {
            HttpResponse<byte[]> none = http.send(HttpRequest.newBuilder(URI.create(http.base + path)).build());
            assertThat(none.statusCode()).as(path).isEqualTo(401);
            assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(json(none).get("detail").asText()).contains("Authorization: Bearer");
            HttpResponse<byte[]> wrong = http.send(HttpRequest.newBuilder(URI.create(http.base + path))
                    .header("Authorization", "Bearer " + http.token + "x").build());
            assertThat(wrong.statusCode()).as(path).isEqualTo(401);
            assertThat(json(wrong).get("title").asText()).isEqualTo("Unauthorized");
            assertThat(http.get("/api/v1/health").statusCode()).isEqualTo(200);
            assertThat(http.get("/api/v1/cameras").statusCode()).as("the right token still works").isEqualTo(200);
        }
        HttpResponse<byte[]> basic = http.send(HttpRequest.newBuilder(URI.create(http.base + "/api/v1/cameras"))
                .header("Authorization", "Basic " + http.token).build());
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(http.get("/api/v1/cameras").statusCode()).isEqualTo(200);
        forgetFailures();
    }

    /** A quiet minute passes for the slowdown's clock, and a success then clears this address's count. */
    private void forgetFailures() {
        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        assertThat(http.get("/api/v1/cameras").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void repeatedFailuresFromOneAddressAreSlowedDown() {
        long slowest = 0;
        for (int i = 0; i < 7; i++) {
            long started = System.nanoTime();
            HttpResponse<byte[]> wrong = http.send(HttpRequest.newBuilder(URI.create(http.base + "/api/v1/events"))
                    .header("Authorization", "Bearer guess" + i).build());
            assertThat(wrong.statusCode()).isEqualTo(401);
            slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
        }
        assertThat(slowest).as("the 7th failure waits 200 ms").isGreaterThanOrEqualTo(190);
        assertThat(http.get("/api/v1/events").statusCode()).as("the right token still works at once").isEqualTo(200);
        forgetFailures();
    }

    @Test
    @Order(4)
    void camerasCanBeAddedReadReplacedStartedStoppedAndRemoved() {
        HttpResponse<byte[]> created = http.post("/api/v1/cameras", """
                {"name": "Door", "url": "rtsp://admin:%s@127.0.0.1:1/door", "location": "Front",
                 "enabled": false, "rtsp_transport": "udp", "event_rules": {"end_after_s": 3}}""".formatted(PASSWORD));
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
        JsonNode door = json(created);
        long id = door.get("id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/cameras/" + id);
        assertThat(door.get("url").asText()).isEqualTo("rtsp://admin:***@127.0.0.1:1/door");
        assertThat(door.get("has_password").asBoolean()).isTrue();
        assertThat(door.get("rtsp_transport").asText()).isEqualTo("udp");
        assertThat(door.get("event_rules").get("end_after_s").asInt()).isEqualTo(3);
        assertThat(door.get("running").asBoolean()).isFalse();

        JsonNode list = json(http.get("/api/v1/cameras"));
        assertThat(list.get("items")).extracting(n -> n.get("name").asText()).containsExactly("Pattern", "Door");
        assertThat(json(http.get("/api/v1/cameras/" + id)).get("location").asText()).isEqualTo("Front");

        HttpResponse<byte[]> replaced = http.put("/api/v1/cameras/" + id, """
                {"name": "Back door", "url": "rtsp://127.0.0.1:1/back", "notes": "by the bins"}""");
        assertThat(replaced.statusCode()).as(text(replaced)).isEqualTo(200);
        assertThat(json(replaced).get("name").asText()).isEqualTo("Back door");
        assertThat(json(replaced).get("has_password").asBoolean()).as("a URL without credentials keeps them").isTrue();
        assertThat(engine.store().find(id).orElseThrow().password()).isEqualTo(PASSWORD);

        HttpResponse<byte[]> started = http.post("/api/v1/cameras/" + id + "/start", null);
        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(json(started).get("running").asBoolean()).isTrue();
        assertThat(engine.cameras()).anyMatch(c -> c.camera().id() == id);
        // the camera cannot connect (nothing listens on port 1): its status says so, without the password
        Waits.until(Duration.ofSeconds(15), () -> List.of("RECONNECTING", "FAILED", "STALLED")
                .contains(json(http.get("/api/v1/cameras/" + id + "/status")).get("state").asText()));
        JsonNode status = json(http.get("/api/v1/cameras/" + id + "/status"));
        assertThat(status.get("running").asBoolean()).isTrue();
        assertThat(status.get("state").asText()).isIn("RECONNECTING", "FAILED", "STALLED");

        HttpResponse<byte[]> stopped = http.post("/api/v1/cameras/" + id + "/stop", null);
        assertThat(json(stopped).get("running").asBoolean()).isFalse();
        assertThat(json(stopped).get("enabled").asBoolean()).isFalse();
        assertThat(json(http.get("/api/v1/cameras/" + id + "/status")).get("state").asText()).isEqualTo("STOPPED");

        assertThat(http.delete("/api/v1/cameras/" + id).statusCode()).isEqualTo(204);
        assertThat(http.get("/api/v1/cameras/" + id).statusCode()).isEqualTo(404);
        assertThat(http.delete("/api/v1/cameras/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void aRunningCameraGivesItsNewestFrameAsJpegAndMjpeg() throws Exception {
        HttpResponse<byte[]> snapshot = http.get("/api/v1/cameras/" + pattern.id() + "/snapshot.jpg");
        assertThat(snapshot.statusCode()).isEqualTo(200);
        assertThat(snapshot.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(snapshot.body()).hasSizeGreaterThan(5_000);
        assertThat(snapshot.body()[0]).isEqualTo((byte) 0xFF);
        assertThat(snapshot.body()[1]).isEqualTo((byte) 0xD8);

        HttpResponse<InputStream> mjpeg = http.client.send(http.request("/api/v1/cameras/" + pattern.id()
                + "/live.mjpeg?fps=10").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(mjpeg.statusCode()).isEqualTo(200);
        assertThat(mjpeg.headers().firstValue("Content-Type").orElseThrow()).startsWith("multipart/x-mixed-replace");
        long started = System.nanoTime();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (InputStream in = mjpeg.body()) {
            byte[] buffer = new byte[16384];
            while (count(read.toString(StandardCharsets.ISO_8859_1), "Content-Type: image/jpeg") < 4) {
                int n = in.read(buffer);
                assertThat(n).isPositive();
                read.write(buffer, 0, n);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(seconds).as("four frames at a 10 fps cap take at least 0.3 s").isGreaterThan(0.25);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    @Order(6)
    void simulatedEventsAreListedReviewedAndServeTheirClipWithRanges() throws Exception {
        HttpResponse<byte[]> simulated = http.post("/api/v1/test/simulate-event?camera=" + pattern.id() + "&label=car", null);
        assertThat(simulated.statusCode()).as(text(simulated)).isEqualTo(202);
        Waits.until(Duration.ofSeconds(10), () -> json(http.get("/api/v1/events?label=car")).get("total").asInt() == 1);
        JsonNode page = json(http.get("/api/v1/events?camera=" + pattern.id() + "&status=pending&limit=5&offset=0"
                + "&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z"));
        assertThat(page.get("limit").asInt()).isEqualTo(5);
        assertThat(page.get("items")).hasSize(1);
        long eventId = page.get("items").get(0).get("id").asLong();
        assertThat(json(http.get("/api/v1/events/pending")).get("items")).extracting(n -> n.get("id").asLong())
                .contains(eventId);

        // the clip closes after the event's end (1 s quiet) and the post-roll (1 s)
        Waits.until(Duration.ofSeconds(20), () -> {
            JsonNode clips = json(http.get("/api/v1/events/" + eventId)).get("clips");
            return clips.size() > 0 && !clips.get(0).get("closed_at").isNull();
        });
        JsonNode details = json(http.get("/api/v1/events/" + eventId));
        assertThat(details.get("event").get("label").asText()).isEqualTo("car");
        assertThat(details.has("detections")).isTrue();
        JsonNode clipJson = details.get("clips").get(0);
        String clipUrl = clipJson.get("url").asText();
        assertThat(clipUrl).isEqualTo("/api/v1/clips/" + clipJson.get("id").asLong());
        byte[] file = Files.readAllBytes(Path.of(new ClipStore(db).find(clipJson.get("id").asLong()).orElseThrow().path()));

        HttpResponse<byte[]> whole = http.get(clipUrl);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(whole.body()).isEqualTo(file);

        HttpResponse<byte[]> part = http.send(http.request(clipUrl).header("Range", "bytes=100-1099").GET().build());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-1099/" + file.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(file, 100, 1100));
        HttpResponse<byte[]> tail = http.send(http.request(clipUrl).header("Range", "bytes=-500").GET().build());
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(file, file.length - 500, file.length));
        HttpResponse<byte[]> open = http.send(http.request(clipUrl).header("Range", "bytes=" + (file.length - 10) + "-")
                .GET().build());
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(file, file.length - 10, file.length));
        HttpResponse<byte[]> beyond = http.send(http.request(clipUrl).header("Range", "bytes=" + file.length + "-")
                .GET().build());
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + file.length);

        String snapshotUrl = details.get("event").get("snapshot_url").asText();
        assertThat(snapshotUrl).isEqualTo("/api/v1/events/" + eventId + "/snapshot.jpg");
        HttpResponse<byte[]> snap = http.get(snapshotUrl);
        assertThat(snap.statusCode()).isEqualTo(200);
        assertThat(snap.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(snap.body()).hasSizeGreaterThan(1000);

        HttpResponse<byte[]> confirmed = http.post("/api/v1/events/" + eventId + "/confirm", "{\"note\": \"plate noted\"}");
        assertThat(confirmed.statusCode()).as(text(confirmed)).isEqualTo(200);
        assertThat(json(confirmed).get("status").asText()).isEqualTo("confirmed");
        assertThat(json(confirmed).get("reviewed_by").asText()).isEqualTo(ApiTokens.API_ACTOR);
        assertThat(engine.events().find(eventId).orElseThrow().status()).isEqualTo(EventStatus.CONFIRMED);
        HttpResponse<byte[]> dismissed = http.post("/api/v1/events/" + eventId + "/dismiss", null);
        assertThat(json(dismissed).get("status").asText()).isEqualTo("dismissed");
        assertThat(json(http.get("/api/v1/events?status=dismissed")).get("total").asInt()).isEqualTo(1);
    }

    @Test
    @Order(7)
    void statsAndMetricsDescribeTheRunningCameras() {
        JsonNode stats = json(http.get("/api/v1/stats"));
        JsonNode camera = stats.get("cameras").get(0);
        assertThat(camera.get("id").asLong()).isEqualTo(pattern.id());
        assertThat(camera.get("decoded_fps").asDouble()).isPositive();
        assertThat(camera.get("frames_decoded").asLong()).isPositive();
        assertThat(camera.has("inference_ms_p95")).isTrue();
        assertThat(camera.has("detect_wait_ms_p95")).isTrue();
        assertThat(camera.get("uptime_s").asDouble()).isPositive();
        assertThat(stats.get("totals").get("cameras_live").asInt()).isEqualTo(1);

        HttpResponse<byte[]> metrics = http.get("/metrics");
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(text(metrics)).contains("# TYPE watchroom_camera_decoded_fps gauge")
                .contains("watchroom_camera_frames_decoded_total{camera_id=\"" + pattern.id() + "\",camera=\"Pattern\"} ")
                .contains("watchroom_cameras_live 1")
                // Pattern records event clips only: the recording families are there, without its line
                .contains("# TYPE watchroom_recording_packets_dropped_total counter")
                .doesNotContain("watchroom_recording_packets_dropped_total{camera_id=\"" + pattern.id() + "\"");
    }

    @Test
    @Order(8)
    void theOpenApiDocumentListsExactlyTheServedRoutes() {
        JsonNode doc = json(http.get("/api/v1/openapi.json"));
        Set<String> documented = new HashSet<>();
        doc.get("paths").properties().forEach(p -> p.getValue().properties()
                .forEach(m -> documented.add(m.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey())));
        Set<String> served = server.routes().stream().map(r -> r.method() + " " + r.path()).collect(Collectors.toSet());
        assertThat(documented).isEqualTo(served);
    }

    @Test
    @Order(9)
    void badInputGetsA4xxProblemAndNever5xx() {
        String cameras = "/api/v1/cameras";
        assertProblem(http.post(cameras, "{\"name\": \"x\", "), 400, "not valid JSON (line 1, column");
        assertProblem(http.post(cameras, "{\"name\": \"A\", \"url\": \"rtsp://h/x\"} []"), 400, "more after its JSON value");
        assertProblem(http.post(cameras, "{\"detect_settings\": " + "[".repeat(1001) + "]".repeat(1001) + "}"), 400,
                "nests deeper than 1000 levels");
        assertProblem(http.post(cameras, "{\"name\": \"A\", \"url\": \"rtsp://h/x\", \"detect_settings\": {\"fps\": \"fast\"}}"),
                400, "Field 'detect_settings' is not valid: Cannot deserialize value of type number from String \"fast\"");
        assertProblem(http.post(cameras, "{\"name\": \"A\", \"url\": \"rtsp://h/x\", \"event_rules\": {\"colour\": 1}}"),
                400, "Field 'event_rules' is not valid: Unrecognized field \"colour\"");
        assertProblem(http.post(cameras, "{\"name\": 5, \"url\": \"rtsp://h/x\"}"), 400, "'name' must be a string");
        assertProblem(http.post(cameras, "{\"name\": \"A\", \"url\": \"rtsp://h/x\", \"enabled\": \"yes\"}"), 400, "'enabled'");
        assertProblem(http.post(cameras, "{\"name\": \"A\", \"url\": \"rtsp://h/x\", \"colour\": 1}"), 400, "Unknown field 'colour'");
        assertProblem(http.post(cameras, "[1, 2]"), 400, "JSON object");
        assertProblem(http.post(cameras, "{\"url\": \"rtsp://h/x\"}"), 400, "'name' is required");
        assertProblem(http.post(cameras, "{\"name\": \"A\", \"url\": \"rtsp://h/x\", \"detect_settings\": 3}"), 400, "detect_settings");
        assertProblem(http.post(cameras, "{\"name\": \"Pattern\", \"url\": \"rtsp://h/x\"}"), 409, "already exists");
        // a password with a space or a slash escapes the usual redaction: the URL is never quoted as sent
        assertProblem(http.post(cameras, "{\"name\": \"A\", \"url\": \"rtsp://admin:" + PASSWORD + " 2@h/x\"}"), 400,
                "Field 'url': The camera URL contains spaces: rtsp://***@h/x");
        assertProblem(http.post(cameras, "{\"name\": \"A\", \"url\": \"rtsp://admin:" + PASSWORD + "/2@h/x\"}"), 400,
                "Field 'url': The camera URL has no host name: rtsp://***@h/x");
        assertProblem(http.post(cameras, "{\"name\": \"A\", \"url\": \"rtsp://h/x\", \"sub_url\": \"rtsp://admin:"
                + PASSWORD + "/2@h/x\"}"), 400, "Field 'sub_url'");
        // longer than its column: named with its limit, refused before the database (which would quote it)
        assertProblem(http.post(cameras, "{\"name\": \"A\", \"url\": \"rtsp://admin:" + PASSWORD.repeat(50) + "@h/x\"}"),
                400, "The password in 'url' may have at most 500 characters.");
        assertProblem(http.post(cameras, "{\"name\": \"" + "n".repeat(201) + "\", \"url\": \"rtsp://h/x\"}"), 400,
                "Field 'name' may have at most 200 characters.");
        assertProblem(http.post(cameras, "{\"name\": \"A\", \"url\": \"rtsp://h/x\", \"rtsp_transport\": \"" + "t".repeat(300)
                + "\"}"), 400, "Field 'rtsp_transport' must be tcp or udp.");
        assertThat(http.bodies).noneMatch(b -> b.contains("nnnnnnnnnn") || b.contains("tttttttttt"));
        assertProblem(http.post(cameras, "{\"name\": \"A\", \"url\": \"" + "x".repeat(100_000) + "\"}"), 413, "larger than");
        assertProblem(http.post("/api/v1/events/1/confirm", "{\"note\": " + "1}"), 400, "'note' must be a string");
        assertProblem(http.get("/api/v1/cameras/999999"), 404, "No camera with id 999999");
        assertProblem(http.get("/api/v1/events/999999"), 404, "No event with id 999999");
        assertProblem(http.get("/api/v1/clips/999999"), 404, "No clip with id 999999");
        assertProblem(http.post("/api/v1/events/999999/dismiss", null), 404, "No event");
        assertProblem(http.get("/api/v1/cameras/abc"), 400, "not a valid id");
        assertProblem(http.get("/api/v1/clips/..%2F..%2Fetc%2Fpasswd"), 400, null);
        assertProblem(http.get("/api/v1/clips/%2e%2e"), 400, null);
        assertProblem(http.get("/api/v1/clips/..;x"), 400, null);
        assertProblem(http.get("/api/v1/events/-1"), 400, null);
        assertProblem(http.get("/api/v1/events/99999999999999999999999"), 400, null);
        assertProblem(http.get("/api/v1/events?limit=99999999999999"), 400, "limit must be between 1 and 1000");
        assertProblem(http.get("/api/v1/events?limit=0"), 400, "limit");
        assertProblem(http.get("/api/v1/events?offset=-5"), 400, "offset");
        assertProblem(http.get("/api/v1/events?offset=2147483648"), 400, "offset");
        assertProblem(http.get("/api/v1/events?status=maybe"), 400, "pending, confirmed or dismissed");
        assertProblem(http.get("/api/v1/events?from=yesterday"), 400, "not a time");
        assertProblem(http.get("/api/v1/events?camera=x"), 400, null);
        assertProblem(http.post("/api/v1/test/simulate-event", null), 400, "camera");
        assertProblem(http.post("/api/v1/test/simulate-event?camera=424242", null), 404, null);
        assertProblem(http.get("/api/v1/nothing"), 404, "no such endpoint");
        assertProblem(http.send(http.request("/api/v1/cameras").method("PATCH", HttpRequest.BodyPublishers.noBody())
                .build()), 404, null);
        assertProblem(http.get("/api/v1/cameras/" + pattern.id() + "/live.mjpeg?fps=1000"), 400, "fps");
    }

    private static void assertProblem(HttpResponse<byte[]> response, int status, String detailPart) {
        assertThat(response.statusCode()).as(response.uri() + " " + text(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as(response.uri().toString()).startsWith("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        if (detailPart != null) {
            assertThat(problem.get("detail").asText()).containsIgnoringCase(detailPart);
        }
    }

    @Test
    @Order(90)
    void aPerUserTokenActsAsItsUserWithinItsRole() {
        UserStore users = new UserStore(db);
        if (users.none()) {
            users.add("chief", "Chief", Role.ADMIN, "chief password".toCharArray(), null);
        }
        Operator chief = users.find("chief").orElseThrow().operator();
        users.add("olga", "Olga", Role.OPERATOR, "olgas password".toCharArray(), chief);
        ApiHttp olga = new ApiHttp(http.base, users.issueToken("olga", chief));

        assertThat(olga.get("/api/v1/events").statusCode()).isEqualTo(200);
        assertProblem(olga.post("/api/v1/cameras", "{\"name\": \"Sneaky\", \"url\": \"rtsp://x/1\"}"), 403,
                "olga (operator) may not change cameras");
        assertProblem(olga.post("/api/v1/cameras/" + pattern.id() + "/stop", null), 403, "may not change cameras");
        assertProblem(olga.delete("/api/v1/cameras/" + pattern.id()), 403, "may not change cameras");
        assertThat(json(http.get("/api/v1/cameras")).size()).as("nothing changed").isEqualTo(1);

        long id = engine.events().create(new NewEvent(pattern.id(), "Pattern", "person",
                Instant.now(), 0.8f, null, null)).id();
        HttpResponse<byte[]> confirmed = olga.post("/api/v1/events/" + id + "/confirm", "{\"note\": \"seen\"}");
        assertThat(confirmed.statusCode()).as(text(confirmed)).isEqualTo(200);
        assertThat(engine.events().find(id).orElseThrow().reviewedBy()).isEqualTo("olga");
        assertThat(new AuditLog(db.jdbi()).about(Event.subject(id)))
                .extracting(e -> e.actor() + " " + e.action()).containsExactly("olga event.confirm");

        users.disable("olga", chief);
        assertThat(olga.get("/api/v1/events").statusCode()).as("a disabled account's token stops working").isEqualTo(401);
    }

    @Test
    @Order(100)
    void noBodyAndNoLogLineEverCarriesACameraPassword() {
        assertThat(http.bodies).isNotEmpty().noneMatch(b -> b.contains(PASSWORD));
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(PASSWORD);
    }
}
