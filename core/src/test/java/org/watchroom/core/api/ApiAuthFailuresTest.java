package org.watchroom.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Role;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.settings.ApiSettings;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.SettingsStore;
import org.watchroom.core.testing.Closing;

/**
 * Token guessing over real HTTP and a real WebSocket against a real server: guesses either way are counted
 * together per address and slowed down alike, parallel connections take turns, and a valid token (another
 * user's included) clears the count only after a quiet minute. The slowdown's clock is moved by hand; the
 * delays themselves are real.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAuthFailuresTest {
    @TempDir
    static Path dir;
    private final AtomicLong clock = new AtomicLong();
    private Database db;
    private Engine engine;
    private ApiServer server;
    private ApiHttp admin;
    private ApiHttp olga;

    @BeforeAll
    void start() {
        db = Database.open(dir.resolve("data"));
        engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty());
        UserStore users = new UserStore(db);
        users.add("chief", "Chief", Role.ADMIN, "chief password".toCharArray(), null);
        Operator chief = users.find("chief").orElseThrow().operator();
        users.add("olga", "Olga", Role.OPERATOR, "olgas password".toCharArray(), chief);
        server = ApiServer.start(engine, new ApiSettings(true, "127.0.0.1", 0, List.of()),
                new ApiTokens(new SettingsStore(db), users), new ApiServer.Tuning(clock::get, Duration.ofSeconds(30)));
        String base = "http://127.0.0.1:" + server.port();
        admin = new ApiHttp(base, new ApiTokens(new SettingsStore(db)).current());
        olga = new ApiHttp(base, users.issueToken("olga", chief));
    }

    @AfterAll
    void stop() {
        Closing.all(server, engine, db);
    }

    /** Each test starts from a clean count: a quiet minute passes, then a success clears it. */
    @BeforeEach
    void forgetFailures() {
        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        assertThat(admin.get("/api/v1/events").statusCode()).isEqualTo(200);
    }

    @Test
    void webSocketGuessesAreSlowedDownAndCountedWithTheHttpOnes() throws Exception {
        for (int i = 0; i < 3; i++) {
            guessOverHttp();
        }
        guessInTheWebSocketQuery();
        guessInTheWebSocketsFirstMessage();
        assertThat(guessOverHttp()).as("6th failure").isGreaterThanOrEqualTo(95);
        assertThat(guessInTheWebSocketQuery()).as("7th failure, a ?token= guess").isGreaterThanOrEqualTo(195);
        assertThat(guessInTheWebSocketsFirstMessage()).as("8th failure, a first-message guess").isGreaterThanOrEqualTo(395);
        assertThat(guessOverHttp()).as("9th failure: the WebSocket guesses were counted").isGreaterThanOrEqualTo(795);
    }

    @Test
    void parallelConnectionsFromOneAddressShareOneCountAndTakeTurns() throws Exception {
        for (int i = 0; i < 5; i++) {
            guessOverHttp();
        }
        // three guesses at once on three connections: the 6th, 7th and 8th failures wait 100, 200 and 400 ms,
        // one after the other, so the last answer comes after 700 ms (side by side it came after 400)
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<byte[]>>> guesses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            guesses.add(admin.client.sendAsync(guess("parallel" + i), HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (CompletableFuture<HttpResponse<byte[]>> g : guesses) {
            assertThat(g.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(401);
        }
        long allAnswered = (System.nanoTime() - started) / 1_000_000;
        assertThat(allAnswered).as("the three waits add up").isGreaterThanOrEqualTo(690);
        assertThat(guessOverHttp()).as("9th failure: the parallel guesses share the count").isGreaterThanOrEqualTo(795);
    }

    @Test
    void aValidTokenClearsTheCountOnlyAfterAQuietMinuteWhoeverItBelongsTo() throws Exception {
        for (int i = 0; i < 5; i++) {
            guessOverHttp();
        }
        assertThat(guessOverHttp()).as("6th failure").isGreaterThanOrEqualTo(95);
        assertThat(olga.get("/api/v1/events").statusCode()).as("another user's valid token works").isEqualTo(200);
        assertThat(guessOverHttp()).as("7th failure: olga's token did not clear the count").isGreaterThanOrEqualTo(195);
        assertThat(admin.get("/api/v1/events").statusCode()).isEqualTo(200);
        assertThat(guessOverHttp()).as("8th failure: nor did the installation token").isGreaterThanOrEqualTo(395);

        clock.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(olga.get("/api/v1/events").statusCode()).isEqualTo(200);
        assertThat(guessOverHttp()).as("9th failure: 59 s is not quiet enough").isGreaterThanOrEqualTo(795);

        clock.addAndGet(Duration.ofSeconds(60).toNanos());
        assertThat(olga.get("/api/v1/events").statusCode()).isEqualTo(200);
        assertThat(guessOverHttp()).as("after a quiet minute a success cleared it: free again (the 10th waited 1.6 s)")
                .isLessThan(500);
    }

    private HttpRequest guess(String token) {
        return HttpRequest.newBuilder(URI.create(admin.base + "/api/v1/events")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
    }

    /** A wrong token over HTTP: 401, and how long the answer took in milliseconds. */
    private long guessOverHttp() {
        long started = System.nanoTime();
        HttpResponse<byte[]> response = admin.send(guess("wrong-" + started));
        assertThat(response.statusCode()).isEqualTo(401);
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** A wrong {@code ?token=}: the socket is closed with 1008; how long that took in milliseconds. */
    private long guessInTheWebSocketQuery() throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        long started = System.nanoTime();
        admin.client.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port()
                + "/api/v1/ws?token=wrong" + started), closeListener(closed)).get(20, TimeUnit.SECONDS);
        assertThat(closed.get(20, TimeUnit.SECONDS)).isEqualTo(1008);
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** A wrong token as the first message: closed with 1008; how long after sending it, in milliseconds. */
    private long guessInTheWebSocketsFirstMessage() throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket = admin.client.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port()
                + "/api/v1/ws"), closeListener(closed)).get(20, TimeUnit.SECONDS);
        long started = System.nanoTime();
        socket.sendText("{\"token\": \"wrong" + started + "\"}", true).get(20, TimeUnit.SECONDS);
        assertThat(closed.get(20, TimeUnit.SECONDS)).isEqualTo(1008);
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static WebSocket.Listener closeListener(CompletableFuture<Integer> closed) {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.completeExceptionally(error);
            }
        };
    }
}
