package org.watchroom.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.settings.ApiSettings;
import org.watchroom.core.store.ClipStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.SettingsStore;
import org.watchroom.core.testing.Closing;
import org.watchroom.core.testing.Tee;

/**
 * The security probe's fuzz cases as a table: raw HTTP/1.1 over a socket against a real server over a real
 * engine and H2 file. Every answer is a 4xx {@code application/problem+json} naming no Java type, quoting no
 * SQL, carrying no stack trace and no password; nothing over-long reaches the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiMalformedRequestTest {
    /** A password no answer, log line or database file may ever show. */
    private static final String SECRET = "Qx7Secr3t";
    private static final Pattern INTERNALS = Pattern.compile(
            "(?i)exception|\\bjava\\.|\\bjavax\\.|\\bjakarta\\.|\\borg\\.(eclipse|h2|watchroom|jdbi)|com\\.fasterxml"
                    + "|\\.java:|\\$[A-Z]|`|\\bsql\\b|select |insert |update |varchar|value too long|\\bh2\\b"
                    + "|\\bat [a-z]+\\.[a-z]");
    private static final int CLIP_BYTES = 1000;
    @TempDir
    static Path dir;
    private Database db;
    private Engine engine;
    private ApiServer server;
    private String token;
    private long clip;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;

    /** One row of the table: a raw request ({@code {token}}, {@code {clip}} filled in) and the status it must get. */
    record Case(String name, String request, int status, boolean halfClose, Duration patience) {
        Case(String name, String request, int status) {
            this(name, request, status, false, Duration.ofSeconds(10));
        }

        @Override
        public String toString() {
            return name + " -> " + status;
        }
    }

    @BeforeAll
    void start() throws Exception {
        originalErr = System.err;
        System.setErr(new PrintStream(new Tee(originalErr, log), true, StandardCharsets.UTF_8));
        db = Database.open(dir.resolve("data"));
        engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty());
        Path file = dir.resolve("clip.mp4");
        Files.write(file, new byte[CLIP_BYTES]);
        clip = new ClipStore(db).open(null, file, Instant.now()).id();
        ApiTokens tokens = new ApiTokens(new SettingsStore(db));
        token = tokens.current();
        server = ApiServer.start(engine, new ApiSettings(true, "127.0.0.1", 0, List.of()), tokens,
                new ApiServer.Tuning(System::nanoTime, Duration.ofSeconds(1)));
    }

    @AfterAll
    void stop() {
        Closing.all(server, engine, db);
        System.setErr(originalErr);
    }

    private static String get(String target, String... headers) {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                + String.join("", Stream.of(headers).map(h -> h + "\r\n").toList()) + "Connection: close\r\n\r\n";
    }

    private static String range(String value) {
        return get("/api/v1/clips/{clip}", "Range: " + value);
    }

    private static String post(String target, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n"
                + new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** A POST whose body is sent byte for byte as ISO-8859-1 (so it can hold bytes that are not UTF-8). */
    private static String latin1Post(String target, String body) {
        return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
                + body;
    }

    private static String camera(String body) {
        return post("/api/v1/cameras", body);
    }

    /** A camera body with {@code field} set to {@code value} (a JSON literal) and valid name and url otherwise. */
    private static String cameraWith(String field, String value) {
        StringBuilder json = new StringBuilder("{");
        if (!field.equals("name")) {
            json.append("\"name\": \"Probe\", ");
        }
        if (!field.equals("url")) {
            json.append("\"url\": \"rtsp://127.0.0.1:1/probe\", ");
        }
        return camera(json.append('"').append(field).append("\": ").append(value).append('}').toString());
    }

    private static String chunked(String target, String chunks) {
        return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunks;
    }

    static Stream<Case> requests() {
        List<Case> t = new ArrayList<>();
        // Range headers that do not parse are refused as unsatisfiable, never a 500 or a silent whole file
        t.add(new Case("Range bytes=,", range("bytes=,"), 416));
        t.add(new Case("Range bytes=-", range("bytes=-"), 416));
        t.add(new Case("Range bytes=5-1", range("bytes=5-1"), 416));
        t.add(new Case("Range bytes=a-b", range("bytes=a-b"), 416));
        t.add(new Case("Range bytes=--5", range("bytes=--5"), 416));
        t.add(new Case("Range bytes=+1-2", range("bytes=+1-2"), 416));
        t.add(new Case("Range bytes=-0", range("bytes=-0"), 416));
        t.add(new Case("Range huge first", range("bytes=99999999999999999999999-"), 416));
        t.add(new Case("Range past the end", range("bytes=" + CLIP_BYTES + "-"), 416));
        // bodies that break HTTP framing
        t.add(new Case("chunk size not hex", chunked("/api/v1/cameras", "ZZ\r\n{}\r\n0\r\n\r\n"), 400));
        t.add(new Case("chunk cut short, then close", chunked("/api/v1/cameras", "100\r\n{\"name\": \"x\""), 400, true,
                Duration.ofSeconds(10)));
        t.add(new Case("chunk without its CRLF", chunked("/api/v1/cameras", "2\r\n{}XX0\r\n\r\n"), 400));
        t.add(new Case("chunked body over 64 KiB", chunked("/api/v1/cameras",
                ("4000\r\n" + " ".repeat(0x4000) + "\r\n").repeat(5) + "0\r\n\r\n"), 413));
        t.add(new Case("Content-Length larger than the body, then close",
                "POST /api/v1/cameras HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\": \"x\"", 400, true,
                Duration.ofSeconds(10)));
        t.add(new Case("Content-Length and chunked together",
                "POST /api/v1/cameras HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                        + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                400));
        t.add(new Case("Content-Length not a number",
                "POST /api/v1/cameras HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1x\r\nConnection: close\r\n\r\n{}", 400));
        t.add(new Case("Content-Length over 64 KiB, 2 bytes sent, then close", "POST /api/v1/cameras HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nContent-Length: 70000\r\nConnection: close\r\n\r\n{}", 400, true,
                Duration.ofSeconds(10)));
        // a body that never arrives in full: the server gives up after its idle timeout
        t.add(new Case("body never finished", "POST /api/v1/cameras HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 50\r\n"
                + "Connection: close\r\n\r\n{\"name\"", 408, false, Duration.ofSeconds(10)));
        // JSON that does not fit
        t.add(new Case("JSON cut short", camera("{\"name\": \"x\", "), 400));
        t.add(new Case("JSON wrong type (number for text)", cameraWith("name", "5"), 400));
        t.add(new Case("JSON wrong type (text for boolean)", cameraWith("enabled", "\"yes\""), 400));
        t.add(new Case("JSON wrong type (array for text)", cameraWith("location", "[1]"), 400));
        t.add(new Case("JSON unknown field", cameraWith("colour", "1"), 400));
        t.add(new Case("JSON trailing garbage", camera("{\"name\": \"A\", \"url\": \"rtsp://h/x\"} xyz"), 400));
        t.add(new Case("JSON second value", camera("{\"name\": \"A\", \"url\": \"rtsp://h/x\"} {}"), 400));
        t.add(new Case("JSON deep nesting", camera("[".repeat(5000) + "]".repeat(5000)), 400));
        t.add(new Case("JSON deep nesting inside a field", cameraWith("detect_settings",
                "{\"a\":".repeat(2000) + "1" + "}".repeat(2000)), 400));
        t.add(new Case("JSON number of 2000 digits", cameraWith("enabled", "1".repeat(2000)), 400));
        t.add(new Case("JSON null", camera("null"), 400));
        t.add(new Case("JSON a string", camera("\"camera\""), 400));
        t.add(new Case("JSON not UTF-8", latin1Post("/api/v1/cameras", "{\"name\": \"\u00ff\u00fe\", \"url\": \"rtsp://h/x\"}"), 400));
        t.add(new Case("detect_settings wrong type inside", cameraWith("detect_settings", "{\"fps\": \"fast\"}"), 400));
        t.add(new Case("detect_settings unknown field", cameraWith("detect_settings", "{\"colour\": 1}"), 400));
        t.add(new Case("event_rules wrong type inside", cameraWith("event_rules", "{\"min_score\": \"high\"}"), 400));
        t.add(new Case("review note of the wrong type", post("/api/v1/events/1/confirm", "{\"note\": {}}"), 400));
        // over-long text in every camera field: a clear 400 naming the field and its limit, never a 409 from H2
        t.add(new Case("name too long", cameraWith("name", "\"" + "n".repeat(201) + "\""), 400));
        t.add(new Case("url too long", cameraWith("url", "\"rtsp://127.0.0.1/" + "u".repeat(2000) + "\""), 400));
        t.add(new Case("url way too long", cameraWith("url", "\"rtsp://127.0.0.1/" + "u".repeat(60_000) + "\""), 400));
        t.add(new Case("sub_url too long", cameraWith("sub_url", "\"rtsp://127.0.0.1/" + "s".repeat(2000) + "\""), 400));
        t.add(new Case("user name in url too long", cameraWith("url", "\"rtsp://" + "a".repeat(201) + ":pw@127.0.0.1/x\""), 400));
        t.add(new Case("password in url too long", cameraWith("url",
                "\"rtsp://admin:" + SECRET + "x".repeat(500) + "@127.0.0.1/x\""), 400));
        t.add(new Case("location too long", cameraWith("location", "\"" + "l".repeat(501) + "\""), 400));
        t.add(new Case("notes too long", cameraWith("notes", "\"" + "o".repeat(4001) + "\""), 400));
        t.add(new Case("rtsp_transport too long", cameraWith("rtsp_transport", "\"" + "t".repeat(5000) + "\""), 400));
        t.add(new Case("detect_settings too long", cameraWith("detect_settings",
                "{\"labels\": [" + "\"person\",".repeat(1000) + "\"car\"]}"), 400));
        t.add(new Case("event_rules too long", cameraWith("event_rules",
                "{\"labels\": [" + "\"person\",".repeat(3600) + "\"car\"]}"), 400));
        // URLs whose password breaks the usual redaction: never echoed
        t.add(new Case("password with a space", cameraWith("url", "\"rtsp://admin:" + SECRET + " x@127.0.0.1/x\""), 400));
        t.add(new Case("password with a slash", cameraWith("url", "\"rtsp://admin:" + SECRET + "/x@127.0.0.1/x\""), 400));
        t.add(new Case("password with a slash in sub_url", cameraWith("sub_url",
                "\"rtsp://admin:" + SECRET + "/x@127.0.0.1/x\""), 400));
        t.add(new Case("password with a space and an unsupported scheme", cameraWith("url",
                "\"gopher://admin:" + SECRET + " x@127.0.0.1/x\""), 400));
        // bad % escapes and other URIs Jetty refuses
        t.add(new Case("bad % in the path", get("/api/v1/cameras/%zz"), 400));
        t.add(new Case("lone % at the end of the path", get("/api/v1/events/%"), 400));
        t.add(new Case("bad % in the query", get("/api/v1/events?label=%zz"), 400));
        t.add(new Case("lone % in the query", get("/api/v1/events?label=%"), 400));
        t.add(new Case("bad % in a query name", get("/api/v1/events?%zz=1"), 400));
        t.add(new Case("% escapes in the query that are not UTF-8", get("/api/v1/events?label=%C3%28"), 400));
        t.add(new Case("bad % on a streaming route", get("/api/v1/cameras/1/live.mjpeg?fps=%G1"), 400));
        t.add(new Case("bad % in a PUT's path", "PUT /api/v1/cam%zzeras/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Length: 0\r\nConnection: close\r\n\r\n", 400));
        t.add(new Case("bad % in a DELETE's path", "DELETE /api/v1/cameras/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n", 400));
        t.add(new Case("encoded dot segments", get("/api/v1/%2e%2e/%2e%2e/etc/passwd"), 404));
        t.add(new Case("encoded NUL", get("/api/v1/events/%00"), 400));
        t.add(new Case("no Host header", "GET /api/v1/health HTTP/1.1\r\nConnection: close\r\n\r\n", 400));
        t.add(new Case("garbage request line", "GET\u0001 / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400));
        t.add(new Case("header too large", get("/api/v1/health", "X-Pad: " + "p".repeat(20_000)), 431));
        t.add(new Case("URI too long", get("/api/v1/events?label=" + "q".repeat(20_000)), 414));
        // upgrades and versions Jetty cannot do
        t.add(new Case("HTTP/2 preface on HTTP/1.1", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 426));
        t.add(new Case("HTTP/2.0 request line", "GET /api/v1/health HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n", 426));
        t.add(new Case("WebSocket of an unknown version", get("/api/v1/ws", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 99"), 405));
        // auth
        t.add(new Case("no token", "GET /api/v1/cameras HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 401));
        return t.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    @Order(1)
    void everyMalformedRequestGetsA4xxProblemWithNoInternals(Case c) throws Exception {
        String request = c.request().replace("{token}", token).replace("{clip}", Long.toString(clip));
        RawHttp.Answer answer = RawHttp.exchange(server.port(), request.getBytes(StandardCharsets.ISO_8859_1),
                c.halfClose(), c.patience());
        assertThat(answer.status()).as(c.name() + ": " + answer.body()).isEqualTo(c.status());
        assertThat(answer.contentType()).as(c.name()).startsWith("application/problem+json");
        JsonNode problem = ApiHttp.JSON.readTree(answer.body());
        assertThat(problem.get("status").asInt()).as(c.name()).isEqualTo(c.status());
        assertThat(problem.get("title").asText()).as(c.name()).isNotBlank();
        String text = problem.get("title").asText() + " " + problem.path("detail").asText();
        assertThat(text).as(c.name()).doesNotContainPattern(INTERNALS).doesNotContain(SECRET);
        assertThat(answer.body()).as(c.name()).doesNotContain(SECRET);
        if (c.status() == 416) {
            assertThat(answer.headers().get("content-range")).as(c.name()).isEqualTo("bytes */" + CLIP_BYTES);
        }
    }

    @Test
    @Order(2)
    void overLongFieldsNameTheFieldAndItsLimitWithoutEchoingTheValue() throws Exception {
        ApiHttp http = new ApiHttp("http://127.0.0.1:" + server.port(), token);
        assertLimit(http, "name", "\"" + "n".repeat(201) + "\"", "'name'", "200");
        assertLimit(http, "url", "\"rtsp://127.0.0.1/" + "u".repeat(2000) + "\"", "'url'", "2000");
        assertLimit(http, "url", "\"rtsp://admin:" + SECRET + "x".repeat(500) + "@127.0.0.1/x\"", "password in 'url'", "500");
        assertLimit(http, "url", "\"rtsp://" + "a".repeat(201) + ":pw@127.0.0.1/x\"", "user name in 'url'", "200");
        assertLimit(http, "location", "\"" + "l".repeat(501) + "\"", "'location'", "500");
        assertLimit(http, "notes", "\"" + "o".repeat(4001) + "\"", "'notes'", "4000");
        assertLimit(http, "detect_settings", "{\"labels\": [" + "\"person\",".repeat(1000) + "\"car\"]}",
                "'detect_settings'", "8000");
        assertThat(http.bodies).noneMatch(b -> b.contains("nnnnnnnnnn") || b.contains("uuuuuuuuuu")
                || b.contains("xxxxxxxxxx") || b.contains("aaaaaaaaaa") || b.contains("llllllllll"));
        assertThat(engine.store().list()).as("nothing was saved").isEmpty();
    }

    private static void assertLimit(ApiHttp http, String field, String value, String named, String limit) {
        String body = "{" + (field.equals("name") ? "" : "\"name\": \"Probe\", ")
                + (field.equals("url") ? "" : "\"url\": \"rtsp://127.0.0.1:1/probe\", ")
                + "\"" + field + "\": " + value + "}";
        var response = http.post("/api/v1/cameras", body);
        assertThat(response.statusCode()).as(field + ": " + ApiHttp.text(response)).isEqualTo(400);
        assertThat(ApiHttp.json(response).get("detail").asText()).as(field).contains(named).contains(limit);
    }

    @Test
    @Order(3)
    void neitherTheLogNorTheDatabaseFilesEverHoldTheSubmittedPassword() throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(content).as(file.toString()).doesNotContain(SECRET);
            }
        }
        assertThat(dir.resolve("data").resolve("watchroom.trace.db")).as("H2 traced no failed statement").doesNotExist();
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(SECRET);
    }
}
