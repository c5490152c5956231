package org.watchroom.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.api.ApiServer;
import org.watchroom.core.api.ApiTokens;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.record.RecordSettings;
import org.watchroom.core.settings.ApiSettings;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.ClipStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventQuery;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.SettingsStore;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.Tmpfs;
import org.watchroom.core.testing.Waits;

/**
 * The probe's reproduction on a real 40 MiB tmpfs as the data folder: an event, the disk filled to the last byte, two
 * events, the space freed, one more event, a restart. Before, only the first event survived (the writer thread died
 * and H2 dropped rows it had acknowledged); now all four are stored, the engine says "storage failing" while it
 * lasts, and every file on disk has its row.
 */
class FullDiskTest {
    private static final RecordSettings SHORT = RecordSettings.defaults()
            .withPreRoll(Duration.ofSeconds(1)).withPostRoll(Duration.ofSeconds(1));
    @TempDir
    Path temp;

    @Test
    void eventsRaisedWhileTheDiskIsFullAreStoredWhenSpaceReturns() throws Exception {
        Tmpfs.assumeAvailable();
        List<WatchroomEvent> published = new CopyOnWriteArrayList<>();
        EventBus bus = new EventBus();
        bus.subscribe(WatchroomEvent.StorageAlert.class, published::add);
        try (Tmpfs disk = Tmpfs.mount(temp.resolve("data"), 40)) {
            Path data = disk.dir();
            try (Database db = Database.open(data);
                 Engine engine = new Engine(db, bus, SourceOptions.defaults(), Optional.empty(),
                         DetectionService.off("not needed"),
                         RecordingOptions.defaults().withClips(SHORT).withMinFreeBytes(4 << 20))) {
                ApiServer api = ApiServer.start(engine, new ApiSettings(true, "127.0.0.1", 0, List.of()),
                        new ApiTokens(new SettingsStore(db), new UserStore(db)));
                String token = new ApiTokens(new SettingsStore(db)).current();
                Camera street = engine.store().add(Camera.create("Street", TestMedia.file("vtest.mp4") + "?loop=1",
                        null, null).withDetectSettings("{\"enabled\": false}"), People.ADMIN);
                engine.start(false);
                Waits.until(Duration.ofSeconds(20), () -> engine.cameras().getFirst().display().state()
                        instanceof CameraState.Live);
                EventStore events = new EventStore(db);

                assertThat(engine.simulateEvent(street.id(), "person")).isTrue();
                Waits.until(Duration.ofSeconds(20), () -> events.count(EventQuery.all()) == 1);

                disk.fill();
                assertThat(engine.simulateEvent(street.id(), "car")).isTrue();
                assertThat(engine.simulateEvent(street.id(), "truck")).isTrue();
                Waits.until(Duration.ofSeconds(20), () -> engine.storage().failing());
                assertThat(engine.storage().pendingWrites()).isPositive();
                assertThat(engine.storageAlert()).hasValueSatisfying(a -> assertThat(a).startsWith("Storage failing")
                        .contains("no space left"));
                Waits.until(Duration.ofSeconds(5), () -> published.stream().anyMatch(p ->
                        p instanceof WatchroomEvent.StorageAlert a && a.state().equals("failing")));
                HttpResponse<String> health = get(api, token, "/api/v1/health");
                assertThat(health.statusCode()).isEqualTo(503);
                JsonNode body = new ObjectMapper().readTree(health.body());
                assertThat(body.get("db_ok").asBoolean()).isFalse();
                assertThat(body.at("/storage/state").asText()).isEqualTo("failing");
                assertThat(body.at("/storage/message").asText()).contains("no space left");
                assertThat(get(api, token, "/metrics").body()).contains("watchroom_storage_failing 1",
                        "watchroom_recording_paused 1");

                disk.free();
                Waits.until(Duration.ofSeconds(30), () -> !engine.storage().failing()
                        && engine.storage().pendingWrites() == 0);
                assertThat(engine.simulateEvent(street.id(), "bicycle")).isTrue();
                Waits.until(Duration.ofSeconds(30), () -> events.count(EventQuery.all()) == 4
                        && events.list(EventQuery.all()).stream().allMatch(e -> e.endedAt() != null));
                Waits.until(Duration.ofSeconds(5), () -> published.stream().anyMatch(p ->
                        p instanceof WatchroomEvent.StorageAlert a && a.state().equals("ok")));
                assertThat(get(api, token, "/api/v1/health").statusCode()).isEqualTo(200);
                api.close();
            }

            try (Database reopened = Database.open(data)) {
                List<Event> stored = new EventStore(reopened).list(EventQuery.all());
                assertThat(stored).extracting(Event::label).containsExactlyInAnyOrder("person", "car", "truck", "bicycle");
                assertThat(filesWithoutRow(reopened, data)).as("files on disk that no row names").isEmpty();
            }
        }
    }

    private static HttpResponse<String> get(ApiServer api, String token, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Path> filesWithoutRow(Database db, Path data) throws Exception {
        Set<String> named = new HashSet<>();
        EventStore events = new EventStore(db);
        ClipStore clips = new ClipStore(db);
        for (Event event : events.list(EventQuery.all())) {
            if (event.snapshotPath() != null) {
                named.add(event.snapshotPath());
            }
            clips.forEvent(event.id()).forEach(c -> named.add(c.path()));
        }
        try (Stream<Path> files = Stream.concat(walk(data.resolve("clips")), walk(data.resolve("snapshots")))) {
            return files.filter(Files::isRegularFile).filter(f -> !named.contains(f.toString())).toList();
        }
    }

    @SuppressWarnings("StreamResourceLeak") // the caller closes the stream
    private static Stream<Path> walk(Path dir) throws Exception {
        return Files.isDirectory(dir) ? Files.walk(dir) : Stream.empty();
    }
}
