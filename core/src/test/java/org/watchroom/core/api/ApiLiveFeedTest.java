package org.watchroom.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.RecordingOptions;
import org.watchroom.core.record.RecordSettings;
import org.watchroom.core.settings.ApiSettings;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.SettingsStore;
import org.watchroom.core.testing.OnnxTest;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.RtspTest;
import org.watchroom.core.testing.RtspTestServer;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.TestModels;
import org.watchroom.core.testing.Waits;

/**
 * The live feed end to end: vtest.avi over a real GStreamer RTSP server, real detection, real H2 file; SSE and
 * WebSocket clients over real HTTP receive event starts and ends, SSE resumes with Last-Event-ID, and reviews
 * travel both ways between the API and the bus the workstation listens to.
 */
@RtspTest
@OnnxTest
class ApiLiveFeedTest {
    @TempDir
    Path dir;

    @Test
    void sseAndWebSocketClientsSeeEventsStartAndEndWhileVtestPlaysOverRtsp() throws Exception {
        List<WatchroomEvent> onBus = new CopyOnWriteArrayList<>();
        EventBus bus = new EventBus();
        bus.subscribe(WatchroomEvent.EventReviewed.class, onBus::add);
        RecordSettings shortClips = RecordSettings.defaults().withPreRoll(Duration.ofSeconds(1))
                .withPostRoll(Duration.ofSeconds(1));
        try (RtspTestServer rtsp = RtspTestServer.builder().footage(TestMedia.file("vtest.avi")).start();
             Database db = Database.open(dir.resolve("data"));
             Engine engine = new Engine(db, bus, SourceOptions.defaults(), Optional.empty(),
                     DetectionService.forModels(TestModels.yolox(), TestModels.yunet()),
                     RecordingOptions.defaults().withClips(shortClips).withMinFreeBytes(1 << 20))) {
            Camera street = new CameraStore(db).add(Camera.create("Street", rtsp.url("/vtest"), null, null)
                    .withDetectSettings("{\"fps\": 5, \"faces\": \"off\"}")
                    .withEventRules("{\"labels\": [\"person\"], \"min_score\": 0.5, \"min_frames\": 3, \"end_after_s\": 2}"), People.ADMIN);
            try (ApiServer server = ApiServer.start(engine, new ApiSettings(true, "127.0.0.1", 0, List.of()),
                    new ApiTokens(new SettingsStore(db)))) {
                ApiHttp http = new ApiHttp("http://127.0.0.1:" + server.port(), new ApiTokens(new SettingsStore(db)).current());

                // an SSE client and a WebSocket client (token as its first message), both before the camera starts
                List<String> sse = new CopyOnWriteArrayList<>();
                CompletableFuture<HttpResponse<Stream<String>>> sseResponse = http.client.sendAsync(
                        http.request("/api/v1/events/stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
                collect(sseResponse, sse);
                List<JsonNode> ws = new CopyOnWriteArrayList<>();
                WebSocket socket = http.client.newWebSocketBuilder()
                        .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/api/v1/ws"), collector(ws)).join();
                socket.sendText("{\"token\": \"" + http.token + "\"}", true).join();
                try {
                    Waits.until(Duration.ofSeconds(5), () -> feedClients(http) == 2);
                } catch (AssertionError e) {
                    throw new AssertionError("feed clients: " + feedClients(http) + ", sse " + sse + ", ws " + ws
                            + ", sse response " + sseResponse.isDone(), e);
                }

                engine.start(false);
                // 1. a real person event from detection on the RTSP stream
                Waits.until(Duration.ofSeconds(40), () -> ws.stream().anyMatch(m -> type(m).equals("event_start")
                        && m.get("data").get("label").asText().equals("person")));
                assertThat(ws).anyMatch(m -> type(m).equals("stream_status")
                        && m.get("data").get("state").asText().equals("LIVE"));
                assertThat(ws).anyMatch(m -> type(m).equals("inference_result")
                        && m.get("data").get("camera_id").asLong() == street.id());
                // 2. a car nobody detects on the same stream: starts, and ends after 2 quiet seconds
                HttpResponse<byte[]> simulated = http.post("/api/v1/test/simulate-event?camera=" + street.id()
                        + "&label=car", null);
                assertThat(simulated.statusCode()).isEqualTo(202);
                Waits.until(Duration.ofSeconds(20), () -> ws.stream().anyMatch(m -> type(m).equals("event_end")));
                try {
                    Waits.until(Duration.ofSeconds(5), () -> sse.contains("event: event_end"));
                } catch (AssertionError e) {
                    throw new AssertionError("sse: " + sse.size() + " " + sse.subList(Math.max(0, sse.size() - 20), sse.size()) + "\nws: " + ws.size() + " " + ws.subList(Math.max(0, ws.size() - 10), ws.size()), e);
                }
                assertThat(sse).contains("event: camera_status", "event: detection", "event: event_start");
                assertThat(sseResponse.join().headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
                JsonNode ended = ws.stream().filter(m -> type(m).equals("event_end")).findFirst().orElseThrow();
                long endedId = ended.get("data").get("event_id").asLong();
                assertThat(ws).anyMatch(m -> type(m).equals("event_start") && m.get("data").get("event_id").asLong() == endedId);
                assertThat(sse).anyMatch(l -> l.startsWith("data: ") && l.contains("\"event_id\":" + endedId)
                        && l.contains("\"has_clip\""));

                // 3. a review through the API reaches the bus (the open UI), and one on the bus reaches the API
                http.post("/api/v1/events/" + endedId + "/dismiss", "{\"note\": \"no car\"}");
                assertThat(onBus).anyMatch(e -> e instanceof WatchroomEvent.EventReviewed r && r.eventId() == endedId
                        && r.status() == EventStatus.DISMISSED && r.actor().equals(ApiTokens.API_ACTOR));
                engine.reviews().confirm(endedId, People.as("local"), null);
                Waits.until(Duration.ofSeconds(5), () -> ws.stream().anyMatch(m -> type(m).equals("event_reviewed")
                        && m.get("data").get("status").asText().equals("confirmed")));
                Waits.until(Duration.ofSeconds(5), () -> sse.stream().anyMatch(l -> l.contains("\"status\":\"confirmed\"")));

                // 4. a client reconnecting with Last-Event-ID gets what followed that id, nothing before
                long resumeFrom = sse.stream().filter(l -> l.startsWith("id: ")).mapToLong(l -> Long.parseLong(l.substring(4)))
                        .sorted().skip(2).findFirst().orElseThrow();
                List<String> resumed = new CopyOnWriteArrayList<>();
                CompletableFuture<HttpResponse<Stream<String>>> again = http.client.sendAsync(
                        http.request("/api/v1/events/stream").header("Last-Event-ID", Long.toString(resumeFrom)).GET().build(),
                        HttpResponse.BodyHandlers.ofLines());
                collect(again, resumed);
                Waits.until(Duration.ofSeconds(5), () -> resumed.stream().anyMatch(l -> l.startsWith("id: ")));
                long firstResumed = resumed.stream().filter(l -> l.startsWith("id: "))
                        .mapToLong(l -> Long.parseLong(l.substring(4))).findFirst().orElseThrow();
                assertThat(firstResumed).isEqualTo(resumeFrom + 1);

                // 5. a WebSocket with a wrong token is closed
                List<JsonNode> refused = new CopyOnWriteArrayList<>();
                CompletableFuture<Integer> closedWith = new CompletableFuture<>();
                http.client.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port()
                        + "/api/v1/ws?token=wrong"), new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                                closedWith.complete(statusCode);
                                return null;
                            }
                        }).join();
                assertThat(closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
                assertThat(refused).isEmpty();
                socket.abort();
                again.cancel(true);
                sseResponse.cancel(true);
            }
        }
    }

    /** Adds the stream's lines to {@code into} until it ends or is cancelled (which ends it with an error). */
    private static void collect(CompletableFuture<HttpResponse<Stream<String>>> response, List<String> into) {
        Thread.ofVirtual().start(() -> {
            try {
                response.join().body().forEach(into::add);
            } catch (RuntimeException cancelled) {
                // the test closed the stream
            }
        });
    }

    private static int feedClients(ApiHttp http) {
        return ApiHttp.json(http.get("/api/v1/stats")).get("totals").get("feed_clients").asInt();
    }

    private static String type(JsonNode message) {
        return message.get("type").asText();
    }

    private static WebSocket.Listener collector(List<JsonNode> into) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        into.add(ApiHttp.JSON.readTree(partial.toString()));
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
    }
}
