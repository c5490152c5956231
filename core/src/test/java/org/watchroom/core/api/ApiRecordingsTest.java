package org.watchroom.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.watchroom.core.api.ApiHttp.json;
import static org.watchroom.core.api.ApiHttp.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.RecordingOptions;
import org.watchroom.core.settings.ApiSettings;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.ClipClose;
import org.watchroom.core.store.ClipStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SettingsStore;
import org.watchroom.core.testing.Closing;
import org.watchroom.core.testing.MediaPackets;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestSegments;

/**
 * Continuous recording over the REST API with java.net.http against a real server: a camera's recording policy in its
 * JSON, its segments and gaps, a range as one MP4 with HTTP Range, and an event's own range of the recording as its
 * clip. Segments are real MP4 files cut from vtest.mp4.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiRecordingsTest {
    private static final Instant T0 = Instant.parse("2026-04-20T08:00:00Z");
    @TempDir
    static Path dir;
    private Database db;
    private Engine engine;
    private ApiServer server;
    private ApiHttp http;
    private Camera gate;
    private List<Segment> segments;

    @BeforeAll
    void start() throws Exception {
        db = Database.open(dir.resolve("data"));
        engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty(), DetectionService.off("test"),
                RecordingOptions.off());
        gate = engine.store().add(Camera.create("Gate", "rtsp://admin:Pw9secret@10.0.0.7/1", null, "North")
                .withEnabled(false), People.ADMIN);
        segments = TestSegments.record(db, gate.id(), "Gate", T0, 4, 5);
        new GapStore(db).add(gate.id(), T0.minusSeconds(30), T0, RecordingGap.Reason.OFFLINE,
                "rtsp://admin:Pw9secret@10.0.0.7/1 did not answer");
        server = ApiServer.start(engine, new ApiSettings(true, "127.0.0.1", 0, List.of()),
                new ApiTokens(new SettingsStore(db), new UserStore(db)));
        http = new ApiHttp("http://127.0.0.1:" + server.port(), new ApiTokens(new SettingsStore(db)).current());
    }

    @AfterAll
    void stop() {
        Closing.all(server, engine, db);
    }

    @Test
    void cameraJsonCarriesItsRecordingPolicyOnGetPostAndPut() {
        JsonNode read = json(http.get("/api/v1/cameras/" + gate.id()));
        assertThat(read.get("recording").get("mode").asText()).isEqualTo("continuous");
        assertThat(read.get("recording").get("keep_days").isNull()).isTrue();
        assertThat(read.get("recording").get("segment_s").asInt()).isEqualTo(60);

        HttpResponse<byte[]> created = http.post("/api/v1/cameras", """
                {"name": "Dock", "url": "rtsp://10.0.0.8/1", "enabled": false,
                 "recording": {"mode": "motion", "keep_days": 14, "keep_size": "20M"}}""");
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
        JsonNode dock = json(created).get("recording");
        assertThat(dock.get("mode").asText()).isEqualTo("motion");
        assertThat(dock.get("keep_days").asInt()).isEqualTo(14);
        assertThat(dock.get("keep_size").asText()).isEqualTo("20M");
        long id = json(created).get("id").asLong();

        HttpResponse<byte[]> kept = http.put("/api/v1/cameras/" + id, """
                {"name": "Dock 2", "url": "rtsp://10.0.0.8/1"}""");
        assertThat(json(kept).get("recording").get("keep_size").asText()).as("absent: kept").isEqualTo("20M");
        HttpResponse<byte[]> changed = http.put("/api/v1/cameras/" + id, """
                {"name": "Dock 2", "url": "rtsp://10.0.0.8/1", "recording": {"mode": "events"}}""");
        assertThat(json(changed).get("recording").get("mode").asText()).isEqualTo("events");
        assertThat(json(changed).get("recording").get("keep_size").isNull()).as("a whole policy replaces").isTrue();

        for (String bad : List.of("{\"mode\": \"sometimes\"}", "{\"keep_size\": \"12Q\"}", "{\"keep_days\": 0}",
                "{\"segment_s\": 5}", "{\"colour\": \"red\"}", "\"continuous\"")) {
            HttpResponse<byte[]> refused = http.put("/api/v1/cameras/" + id,
                    "{\"name\": \"Dock 2\", \"url\": \"rtsp://10.0.0.8/1\", \"recording\": " + bad + "}");
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(refused).get("detail").asText()).as(bad).contains("'recording'");
        }
        assertThat(json(http.get("/api/v1/cameras/" + id)).get("recording").get("mode").asText()).isEqualTo("events");
        assertThat(http.delete("/api/v1/cameras/" + id).statusCode()).isEqualTo(204);
    }

    @Test
    void recordingsListSegmentsWithHashesAndGapsButNoPaths() {
        HttpResponse<byte[]> response = http.get("/api/v1/cameras/" + gate.id() + "/recordings?from="
                + T0.minusSeconds(60) + "&to=" + T0.plusSeconds(25));
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("camera_name").asText()).isEqualTo("Gate");
        assertThat(body.get("segments")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode s = body.get("segments").get(i);
            assertThat(s.get("id").asLong()).isEqualTo(segments.get(i).id());
            assertThat(s.get("started_at").asText()).isEqualTo(segments.get(i).startedAt().toString());
            assertThat(s.get("sha256").asText()).isEqualTo(segments.get(i).sha256());
            assertThat(s.get("prev_sha256").asText()).isEqualTo(segments.get(i).prevSha256());
            assertThat(s.get("open").asBoolean()).isFalse();
            assertThat(s.has("path")).isFalse();
        }
        assertThat(body.get("gaps")).hasSize(1);
        assertThat(body.get("gaps").get(0).get("reason").asText()).isEqualTo("offline");
        assertThat(text(response)).doesNotContain(dir.toString()).doesNotContain("Pw9secret");
        assertThat(body.get("recording_url").asText()).startsWith("/api/v1/cameras/" + gate.id() + "/recording.mp4?from=");

        assertThat(http.get("/api/v1/cameras/" + gate.id() + "/recordings?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/cameras/" + gate.id() + "/recordings?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z")
                .statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/cameras/99/recordings").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> anonymous = http.send(HttpRequest.newBuilder(URI.create(http.base + "/api/v1/cameras/"
                + gate.id() + "/recordings")).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void recordingMp4IsTheRangeStitchedAcrossSegmentsAndHonoursRange() throws Exception {
        String url = "/api/v1/cameras/" + gate.id() + "/recording.mp4?from=" + T0.plusSeconds(5) + "&to="
                + T0.plusSeconds(33);
        HttpResponse<byte[]> whole = http.get(url);
        assertThat(whole.statusCode()).as(text(whole)).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("video/mp4"));
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        byte[] file = whole.body();
        Path saved = dir.resolve("range.mp4");
        Files.write(saved, file);
        List<MediaPackets.Packet> packets = MediaPackets.of(saved);
        assertThat(packets.getFirst().key()).isTrue();
        double seconds = packets.stream().mapToDouble(MediaPackets.Packet::pts).max().orElseThrow() + 0.1
                - packets.getFirst().dts();
        assertThat(seconds).as("within one GOP of the 28 s asked for").isCloseTo(28, within(2.0));
        List<Double> frames = MediaPackets.frameTimes(saved);
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i) - frames.get(i - 1)).as("frame " + i).isCloseTo(0.1, within(0.002));
        }

        HttpResponse<byte[]> part = http.send(http.request(url).header("Range", "bytes=100-1099").GET().build());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-1099/" + file.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(file, 100, 1100));
        HttpResponse<byte[]> tail = http.send(http.request(url).header("Range", "bytes=-500").GET().build());
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(file, file.length - 500, file.length));
        HttpResponse<byte[]> beyond = http.send(http.request(url).header("Range", "bytes=" + file.length + "-").GET().build());
        assertThat(beyond.statusCode()).isEqualTo(416);

        assertThat(http.get("/api/v1/cameras/" + gate.id() + "/recording.mp4").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/cameras/" + gate.id() + "/recording.mp4?from=" + T0 + "&to="
                + T0.plus(Duration.ofHours(3))).statusCode()).isEqualTo(400);
        HttpResponse<byte[]> nothing = http.get("/api/v1/cameras/" + gate.id() + "/recording.mp4?from="
                + T0.plusSeconds(3600) + "&to=" + T0.plusSeconds(3700));
        assertThat(nothing.statusCode()).isEqualTo(404);
        assertThat(json(nothing).get("title").asText()).isEqualTo("Nothing recorded");
    }

    @Test
    void anEventOnARecordedCameraIsItsOwnRangeAndAnEventsModeEventKeepsItsClipFile() throws Exception {
        EventStore events = new EventStore(db);
        long person = events.create(new NewEvent(gate.id(), "Gate", "person", T0.plusSeconds(12), 0.9f, null, null)).id();
        events.end(person, T0.plusSeconds(15));
        // what the old recorder did: one clip shared by every event of the camera; the range wins over it
        ClipStore clips = new ClipStore(db);
        Clip shared = clips.open(gate.id(), Path.of(segments.get(0).path()).resolveSibling("shared.mp4"), T0);
        clips.link(shared.id(), person);

        JsonNode details = json(http.get("/api/v1/events/" + person));
        assertThat(details.get("clips")).hasSize(1);
        JsonNode clip = details.get("clips").get(0);
        assertThat(clip.get("source").asText()).isEqualTo("recording");
        assertThat(clip.get("id").isNull()).isTrue();
        assertThat(clip.get("started_at").asText()).isEqualTo(T0.plusSeconds(7).toString());
        assertThat(clip.get("closed_at").asText()).isEqualTo(T0.plusSeconds(25).toString());
        assertThat(clip.get("duration_s").asDouble()).isEqualTo(18.0);
        assertThat(clip.get("complete").asBoolean()).isTrue();
        assertThat(clip.get("segments")).extracting(n -> n.get("id").asLong())
                .containsExactly(segments.get(0).id(), segments.get(1).id(), segments.get(2).id());
        assertThat(clip.get("url").asText()).isEqualTo("/api/v1/events/" + person + "/clip.mp4");

        HttpResponse<byte[]> mp4 = http.get(clip.get("url").asText());
        assertThat(mp4.statusCode()).as(text(mp4)).isEqualTo(200);
        Path saved = dir.resolve("event.mp4");
        Files.write(saved, mp4.body());
        List<MediaPackets.Packet> packets = MediaPackets.of(saved);
        double seconds = packets.stream().mapToDouble(MediaPackets.Packet::pts).max().orElseThrow() + 0.1
                - packets.getFirst().dts();
        assertThat(seconds).as("pre-roll 5 s … post-roll 10 s around a 3 s event").isCloseTo(18, within(2.0));
        HttpResponse<byte[]> part = http.send(http.request(clip.get("url").asText()).header("Range", "bytes=0-99")
                .GET().build());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(mp4.body(), 0, 100));

        // an event on a camera recorded in events mode (no segments) keeps its clip file and its link
        Camera lobby = engine.store().add(Camera.create("Lobby", "rtsp://10.0.0.9/1", null, null).withEnabled(false)
                .withRecording("{\"mode\": \"events\"}"), People.ADMIN);
        long visitor = events.create(new NewEvent(lobby.id(), "Lobby", "person", T0, 0.8f, null, null)).id();
        events.end(visitor, T0.plusSeconds(2));
        Path clipFile = dir.resolve("lobby.mp4");
        Files.copy(Path.of(segments.get(0).path()), clipFile);
        Clip own = clips.open(lobby.id(), clipFile, T0);
        clips.close(own.id(), new ClipClose(T0.plusSeconds(10), Duration.ofSeconds(10), Files.size(clipFile), segments.get(0).sha256(),
                "h264", true, null));
        clips.link(own.id(), visitor);
        JsonNode lobbyClip = json(http.get("/api/v1/events/" + visitor)).get("clips").get(0);
        assertThat(lobbyClip.get("source").asText()).isEqualTo("clip");
        assertThat(lobbyClip.get("url").asText()).isEqualTo("/api/v1/clips/" + own.id());
        assertThat(lobbyClip.has("segments")).isFalse();
        assertThat(http.get("/api/v1/events/" + visitor + "/clip.mp4").statusCode()).isEqualTo(404);
        assertThat(http.get("/api/v1/clips/" + own.id()).statusCode()).isEqualTo(200);
    }
}
