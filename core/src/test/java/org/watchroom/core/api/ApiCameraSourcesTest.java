package org.watchroom.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.watchroom.core.api.ApiHttp.json;
import static org.watchroom.core.api.ApiHttp.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.auth.AccessDeniedException;
import org.watchroom.core.auth.Role;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.RecordingOptions;
import org.watchroom.core.settings.ApiSettings;
import org.watchroom.core.settings.SettingKey;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.SettingsStore;
import org.watchroom.core.testing.Closing;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestMedia;

/**
 * What a camera URL sent over the REST API may reach, with a supervisor's token against a real server and engine:
 * no lavfi graph that touches files, no file outside the folders an admin allowed, and no password in any answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiCameraSourcesTest {
    @TempDir
    static Path dir;
    private Path allowed;
    private Path outside;
    private Path precious;
    private byte[] preciousBytes;
    private Database db;
    private Engine engine;
    private ApiServer server;
    private ApiHttp sam;
    private ApiHttp olga;
    private Camera local;

    @BeforeAll
    void start() throws Exception {
        allowed = Files.createDirectories(dir.resolve("footage"));
        outside = Files.createDirectories(dir.resolve("elsewhere"));
        Files.copy(TestMedia.file("vtest.mp4"), allowed.resolve("lobby.mp4"));
        Files.copy(TestMedia.file("vtest.mp4"), outside.resolve("private.mp4"));
        precious = outside.resolve("precious.txt");
        Files.writeString(precious, "evidence that must survive\n");
        preciousBytes = Files.readAllBytes(precious);
        db = Database.open(dir.resolve("data"));
        engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty(),
                DetectionService.off("test"), RecordingOptions.off());
        // added on this machine (as the command line or the workstation does): any folder, and no demo wall
        local = engine.store().add(Camera.create("Local", outside.resolve("private.mp4").toString(), null, null)
                .withEnabled(false), People.ADMIN);
        engine.start(false);
        server = ApiServer.start(engine, new ApiSettings(true, "127.0.0.1", 0, List.of()),
                new ApiTokens(new SettingsStore(db), new UserStore(db)));
        UserStore users = new UserStore(db);
        users.add("chief", "Chief", Role.ADMIN, "chief password".toCharArray(), null);
        var chief = users.find("chief").orElseThrow().operator();
        users.add("sam", "Sam", Role.SUPERVISOR, "sams password".toCharArray(), chief);
        sam = new ApiHttp("http://127.0.0.1:" + server.port(), users.issueToken("sam", chief));
        users.add("olga", "Olga", Role.OPERATOR, "olgas password".toCharArray(), chief);
        olga = new ApiHttp("http://127.0.0.1:" + server.port(), users.issueToken("olga", chief));
    }

    @AfterAll
    void stop() {
        Closing.all(server, engine, db);
    }

    private HttpResponse<byte[]> create(String name, String url, boolean enabled) {
        return sam.post("/api/v1/cameras", "{\"name\": %s, \"url\": %s, \"enabled\": %s}".formatted(
                ApiHttp.JSON.valueToTree(name), ApiHttp.JSON.valueToTree(url), enabled));
    }

    private static JsonNode problem(HttpResponse<byte[]> response, int status) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        return json(response);
    }

    private List<String> names() {
        return engine.store().list().stream().map(Camera::name).toList();
    }

    @Test
    @Order(1)
    void aLavfiGraphThatWritesAFileIsRefusedAndTheFileIsUntouched() throws Exception {
        String probe = "lavfi:testsrc=size=32x32:rate=2,metadata=mode=print:file=" + precious;
        JsonNode refused = problem(create("Probe", probe, true), 400);
        assertThat(refused.get("detail").asText()).contains("lavfi filter 'metadata' is not allowed")
                .doesNotContain(precious.toString());
        assertThat(problem(create("Reader", "lavfi:movie=" + outside.resolve("private.mp4"), true), 400)
                .get("detail").asText()).contains("'movie' is not allowed");
        assertThat(problem(create("Grid", "lavfi:life=f=" + precious, true), 400).get("detail").asText())
                .contains("option 'f' of filter 'life' is not allowed");
        Thread.sleep(1500); // had any been accepted, its enabled camera would be running by now
        assertThat(Files.readAllBytes(precious)).isEqualTo(preciousBytes);
        assertThat(names()).containsExactly("Local");
        HttpResponse<byte[]> pattern = create("Pattern", "lavfi:testsrc2=size=64x64:rate=5", false);
        assertThat(pattern.statusCode()).as(text(pattern)).isEqualTo(201);
    }

    @Test
    @Order(2)
    void withoutAllowedFoldersNoFileCameraComesThroughTheApi() {
        for (String url : List.of("/etc/passwd", "file:///etc/passwd", allowed.resolve("lobby.mp4").toString())) {
            JsonNode refused = problem(create("File", url, false), 403);
            assertThat(refused.get("detail").asText()).as(url).contains("cameras.file_roots").doesNotContain("passwd");
        }
        assertThat(names()).containsExactly("Local", "Pattern");
    }

    @Test
    @Order(3)
    void onlyAnAdminChoosesTheFolders() {
        Settings settings = new Settings(db);
        assertThatThrownBy(() -> settings.set(SettingKey.parse("cameras.file_roots"), allowed.toString(), People.SUPERVISOR))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> settings.set(SettingKey.parse("cameras.file_roots"), "footage", People.ADMIN))
                .hasMessageContaining("absolute");
        assertThatThrownBy(() -> settings.set(SettingKey.parse("cameras.file_roots"), dir.resolve("nope").toString(),
                People.ADMIN)).hasMessageContaining("not a folder");
        String stored = settings.set(SettingKey.parse("cameras.file_roots"), " " + allowed + File.pathSeparator + " ",
                People.ADMIN);
        assertThat(stored).isEqualTo(allowed.toString());
        assertThat(settings.get(SettingKey.parse("cameras.file_roots"))).isEqualTo(allowed.toString());
    }

    @Test
    @Order(4)
    void insideTheAllowedFoldersFileCamerasAreAcceptedAndNowhereElse() throws Exception {
        Path lobby = allowed.resolve("lobby.mp4");
        HttpResponse<byte[]> created = create("Lobby", lobby + "?loop=1", false);
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
        assertThat(json(created).get("url").asText()).isEqualTo(lobby + "?loop=1");
        assertThat(create("Lobby URL", lobby.toUri().toString(), false).statusCode()).isEqualTo(201);

        Path escape = Files.createSymbolicLink(allowed.resolve("escape.mp4"), outside.resolve("private.mp4"));
        Files.createSymbolicLink(allowed.resolve("out"), outside);
        for (String url : List.of("/etc/passwd", outside.resolve("private.mp4").toString(),
                allowed + "/../elsewhere/private.mp4", escape.toString(), allowed.resolve("out/private.mp4").toString(),
                allowed.resolve("missing.mp4").toString(), allowed.toString(), "file://" + precious)) {
            assertThat(problem(create("Sneaky", url, false), 403).get("detail").asText()).as(url)
                    .contains("cameras.file_roots");
        }
        assertThat(names()).containsExactly("Local", "Pattern", "Lobby", "Lobby URL");
    }

    @Test
    @Order(5)
    void replacingChecksANewFileButNotOneThatDidNotChange() {
        long lobby = engine.store().list().stream().filter(c -> c.name().equals("Lobby")).findFirst().orElseThrow().id();
        assertThat(problem(sam.put("/api/v1/cameras/" + lobby, "{\"name\": \"Lobby\", \"url\": \"/etc/passwd\"}"), 403)
                .get("detail").asText()).contains("cameras.file_roots");
        HttpResponse<byte[]> renamed = sam.put("/api/v1/cameras/" + local.id(), "{\"name\": \"Local (back office)\", "
                + "\"url\": " + ApiHttp.JSON.valueToTree(local.url()) + ", \"enabled\": false}");
        assertThat(renamed.statusCode()).as("a file added on this machine keeps its URL: " + text(renamed)).isEqualTo(200);
        assertThat(engine.store().find(lobby).orElseThrow().url()).endsWith("lobby.mp4?loop=1");
    }

    @Test
    @Order(6)
    void refusedUrlsNeverCarryThePassword() throws Exception {
        String longPassword = "S3cr" + "w".repeat(600) + "Wrd9";
        for (String url : List.of("rtsp://admin:S3cr Wrd9@cam.local/x", "rtsp://admin:S3cr/Wrd9@cam.local/x",
                "rtsp:/admin:S3cr/Wrd9@cam.local/x", "rtsp:/admin:S3crWrd9@cam.local/x", "admin:S3crWrd9@cam.local",
                "rtsp://admin:S3cr@Wrd9@cam.local/x", "rtsp://admin:S3cr%Wrd9@cam.local/x",
                "rtsp://admin:" + longPassword + "@cam.local/x")) {
            JsonNode refused = problem(create("Gate", url, false), 400);
            assertThat(refused.toString()).as(url).doesNotContain("S3cr").doesNotContain("Wrd9").doesNotContain("wwww");
        }
        assertThat(problem(create("Gate", "rtsp://admin:" + longPassword + "@cam.local/x", false), 400)
                .get("detail").asText()).contains("password").contains("500");
        assertThat(problem(create("Gate", "rtsp:/cam.local/x", false), 400).get("detail").asText())
                .contains("mistyped scheme");
        assertThat(sam.bodies).noneMatch(b -> b.contains("S3cr") || b.contains("Wrd9") || b.contains("wwww"));
        Path trace = dir.resolve("data").resolve("watchroom.trace.db");
        if (Files.exists(trace)) {
            assertThat(Files.readString(trace, StandardCharsets.ISO_8859_1)).doesNotContain("S3cr").doesNotContain("wwww");
        }
        assertThat(names()).doesNotContain("Gate");
    }

    @Test
    @Order(7)
    void aTokenThatMayNotChangeCamerasLearnsNothingAboutFiles() {
        for (String url : List.of(allowed.resolve("lobby.mp4").toString(), allowed.resolve("missing.mp4").toString(),
                "/etc/passwd")) {
            HttpResponse<byte[]> refused = olga.post("/api/v1/cameras", "{\"name\": \"Peek\", \"url\": %s}"
                    .formatted(ApiHttp.JSON.valueToTree(url)));
            assertThat(problem(refused, 403).get("detail").asText()).as(url).contains("may not change cameras")
                    .doesNotContain("file_roots");
        }
        assertThat(names()).doesNotContain("Peek");
    }
}
