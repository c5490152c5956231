package org.watchroom.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.cli.WatchroomCli;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.model.ModelIdentity;
import org.watchroom.core.record.ClipProbe;
import org.watchroom.core.record.RecordSettings;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.ClipStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.DetectionStore;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventQuery;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.testing.OnnxTest;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.RtspTest;
import org.watchroom.core.testing.RtspTestServer;
import org.watchroom.core.testing.SlowTest;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.TestModels;
import org.watchroom.core.testing.Waits;

/** Detections become events with clips: real RTSP camera, real models, real H2 file, real MP4 files. */
@RtspTest
@OnnxTest
@SlowTest
class EventsEndToEndTest {
    private static final RecordSettings SHORT = RecordSettings.defaults()
            .withPreRoll(Duration.ofSeconds(2)).withPostRoll(Duration.ofSeconds(2));
    /** These tests are about event clip files, which cameras recording continuously no longer write. */
    private static final String EVENT_CLIPS = "{\"mode\": \"events\"}";
    @TempDir
    Path dir;

    private Engine engine(Database db, EventBus bus, RecordingOptions recording) {
        return new Engine(db, bus, SourceOptions.defaults(), Optional.empty(),
                DetectionService.forModels(TestModels.yolox(), TestModels.yunet()), recording);
    }

    @Test
    void peopleOnAnRtspCameraBecomePersonEventsWithSnapshotsAndPlayableClips() throws Exception {
        List<WatchroomEvent> events = new CopyOnWriteArrayList<>();
        EventBus bus = new EventBus();
        bus.subscribe(WatchroomEvent.class, e -> {
            if (!(e instanceof WatchroomEvent.DetectionsReady)) {
                events.add(e);
            }
        });
        try (RtspTestServer server = RtspTestServer.builder().footage(TestMedia.file("vtest.avi")).start();
             Database db = Database.open(dir.resolve("data"));
             Engine engine = engine(db, bus, RecordingOptions.defaults().withClips(SHORT).withMinFreeBytes(1 << 20))) {
            Camera street = engine.store().add(Camera.create("Street", server.url("/vtest"), null, null)
                    .withRecording(EVENT_CLIPS)
                    .withDetectSettings("{\"fps\": 5, \"faces\": \"off\"}")
                    .withEventRules("{\"labels\": [\"person\"], \"min_score\": 0.5, \"min_frames\": 3, \"end_after_s\": 2}"), People.ADMIN);
            engine.start(false);

            // 1. real detections → a person event with the configured threshold and a snapshot
            Waits.until(Duration.ofSeconds(30), () -> events.stream().anyMatch(e -> e instanceof WatchroomEvent.EventStarted));
            WatchroomEvent.EventStarted started = (WatchroomEvent.EventStarted) events.stream()
                    .filter(e -> e instanceof WatchroomEvent.EventStarted).findFirst().orElseThrow();
            assertThat(started.label()).isEqualTo("person");
            assertThat(started.score()).isGreaterThanOrEqualTo(0.5f);
            assertThat(started.cameraId()).isEqualTo(street.id());
            EventStore store = new EventStore(db);
            Waits.until(Duration.ofSeconds(5), () -> store.find(started.eventId()).map(Event::snapshotPath).isPresent());
            Event row = store.find(started.eventId()).orElseThrow();
            assertThat(row.label()).isEqualTo("person");
            assertThat(store.model(row.id())).as("the event names the model that saw it")
                    .contains(new ModelIdentity("yolox_nano.onnx", null));
            assertThat(Files.size(Path.of(row.snapshotPath()))).isGreaterThan(10_000);
            Waits.until(Duration.ofSeconds(5), () -> !new DetectionStore(db).forEvent(row.id()).isEmpty());
            assertThat(new DetectionStore(db).forEvent(row.id()))
                    .as("an event keeps the detections of its own label").allMatch(d -> d.label().equals("person"));

            // 2. a simulated event on a quiet camera (people keep the street's event and its clip open):
            //    pre-roll 2 s + event 2 s + post-roll 2 s, on a GOP of 1 s
            Camera gate = engine.store().add(Camera.create("Gate", server.url("/test"), null, null)
                    .withRecording(EVENT_CLIPS)
                    .withDetectSettings("{\"enabled\": false}").withEventRules("{\"end_after_s\": 2}"), People.ADMIN);
            engine.reload();
            LiveCamera gateLive = engine.cameras().stream().filter(c -> c.camera().id() == gate.id()).findFirst().orElseThrow();
            Waits.until(Duration.ofSeconds(15), () -> gateLive.display().state() instanceof CameraState.Live);
            Thread.sleep(2500); // a full pre-roll
            assertThat(engine.simulateEvent(gate.id(), "car")).isTrue();
            Waits.until(Duration.ofSeconds(30), () -> events.stream().anyMatch(e -> e instanceof WatchroomEvent.ClipClosed c
                    && clipCovers(db, c, "car")));
            WatchroomEvent.ClipClosed clip = (WatchroomEvent.ClipClosed) events.stream()
                    .filter(e -> e instanceof WatchroomEvent.ClipClosed c && clipCovers(db, c, "car")).findFirst().orElseThrow();
            assertThat(events).as("the ended event names its clip").anyMatch(e -> e instanceof WatchroomEvent.EventEnded ended
                    && clip.eventIds().contains(ended.eventId()) && clip.path().equals(ended.clipPath()));
            Path file = Path.of(clip.path());
            ClipProbe probe = ClipProbe.of(file);
            assertThat(probe.firstKey()).as("starts on a keyframe").isTrue();
            assertThat(probe.firstDts()).isZero();
            assertThat(probe.decodedFrames()).isGreaterThan(30);
            assertThat(probe.lastSeconds()).as("pre + event + post within one GOP").isBetween(5.0, 7.6);
            assertThat(clip.eventIds()).filteredOn(id -> store.find(id).orElseThrow().label().equals("car"))
                    .as("a simulated event was seen by no model").allMatch(id -> store.model(id).isEmpty());
            Clip row2 = new ClipStore(db).find(clip.clipId()).orElseThrow();
            assertThat(row2.sha256()).isEqualTo(ClipStore.sha256(file));
            assertThat(row2.streamCopied()).isTrue();
            assertThat(row2.open()).isFalse();
        }
    }

    private static boolean clipCovers(Database db, WatchroomEvent.ClipClosed clip, String label) {
        EventStore store = new EventStore(db);
        return clip.eventIds().stream().anyMatch(id -> store.find(id).map(e -> e.label().equals(label)).orElse(false));
    }

    /**
     * Several events at once share one clip and are linked to it while it is written. (The race this guards —
     * an event joining a clip whose row is still queued — showed with real detection on vtest, where one result
     * starts person, car and truck together; three simulated events here do not always hit it.)
     */
    @Test
    void eventsStartingTogetherAreAllLinkedToTheirClipWhileItIsStillBeingWritten() throws Exception {
        try (Database db = Database.open(dir.resolve("data"));
             Engine engine = engine(db, new EventBus(), RecordingOptions.defaults().withMinFreeBytes(1 << 20))) {
            Camera pattern = engine.store().add(Camera.create("Pattern", TestMedia.file("vtest.mp4") + "?loop=1", null, null)
                    .withRecording(EVENT_CLIPS)
                    .withDetectSettings("{\"enabled\": false}"), People.ADMIN);
            engine.start(false);
            LiveCamera live = engine.cameras().getFirst();
            Waits.until(Duration.ofSeconds(10), () -> live.display().state() instanceof CameraState.Live);
            Thread.sleep(2500); // a full pre-roll, so the first event opens the clip at once
            for (String label : List.of("person", "car", "truck")) {
                assertThat(engine.simulateEvent(pattern.id(), label)).isTrue();
            }
            EventStore events = new EventStore(db);
            ClipStore clips = new ClipStore(db);
            Waits.until(Duration.ofSeconds(10), () -> events.count(EventQuery.all()) == 3);
            List<Long> ids = events.list(EventQuery.all()).stream().map(e -> e.id()).toList();
            Waits.until(Duration.ofSeconds(10), () -> ids.stream().allMatch(id -> !clips.forEvent(id).isEmpty()));
            assertThat(ids).allSatisfy(id -> assertThat(clips.forEvent(id)).singleElement()
                    .satisfies(c -> assertThat(c.open()).as("linked while the clip is written, not at its close").isTrue()));
        }
    }

    @Test
    void aStaticSceneMakesNoEvent() throws Exception {
        try (Database db = Database.open(dir.resolve("data"));
             Engine engine = engine(db, new EventBus(), RecordingOptions.defaults().withMinFreeBytes(1 << 20))) {
            engine.store().add(Camera.create("Wall", "lavfi:color=c=gray:size=640x360:rate=10", null, null), People.ADMIN);
            engine.start(false);
            LiveCamera wall = engine.cameras().getFirst();
            Waits.until(Duration.ofSeconds(10), () -> wall.detectStats().map(s -> s.runs() > 0).orElse(false));
            Thread.sleep(3000);
            assertThat(new EventStore(db).count(EventQuery.all())).isZero();
        }
    }

    @Test
    void aFullDiskStopsRecordingCleanlyAndEverythingElseGoesOn() throws Exception {
        List<WatchroomEvent> events = new CopyOnWriteArrayList<>();
        EventBus bus = new EventBus();
        bus.subscribe(WatchroomEvent.class, events::add);
        try (Database db = Database.open(dir.resolve("data"));
             Engine engine = engine(db, bus, RecordingOptions.defaults().withMinFreeBytes(Long.MAX_VALUE))) {
            Camera pattern = engine.store().add(Camera.create("Pattern", TestMedia.file("vtest.mp4") + "?loop=1", null, null)
                    .withRecording(EVENT_CLIPS)
                    .withDetectSettings("{\"enabled\": false}"), People.ADMIN);
            engine.start(false);
            LiveCamera live = engine.cameras().getFirst();
            Waits.until(Duration.ofSeconds(10), () -> live.display().state() instanceof CameraState.Live);
            assertThat(engine.simulateEvent(pattern.id(), "person")).isTrue();
            Waits.until(Duration.ofSeconds(10), () -> events.stream().anyMatch(e -> e instanceof WatchroomEvent.EventStarted));
            assertThat(events).anyMatch(e -> e instanceof WatchroomEvent.StorageAlert a && a.alert().contains("Recording paused"));
            assertThat(engine.storageAlert()).isPresent();
            Thread.sleep(3500);
            assertThat(new EventStore(db).count(EventQuery.all())).as("the event is still recorded in the database").isEqualTo(1);
            assertThat(new ClipStore(db).totalBytes()).isZero();
            try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
                assertThat(files.filter(p -> p.toString().endsWith(".mp4")).toList()).isEmpty();
            }
            assertThat(live.display().state()).isInstanceOf(CameraState.Live.class);
        }
    }

    @Test
    void killNineOfTheHeadlessEngineLeavesAPlayableClipAndRestartMarksTheEventInterrupted() throws Exception {
        Path data = dir.resolve("data");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(WatchroomCli.run(new String[] {"--data-dir", data.toString(), "cameras", "add", "--name", "Street", "--record", "events",
                "--url", TestMedia.file("vtest.mp4") + "?loop=1"}, null, new PrintStream(out), System.err)).isZero();
        People.enrolAdmin(data); // the configured camera waits for the first administrator
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process engine = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-Dwatchroom.models=" + TestModels.dir(), "-cp", System.getProperty("java.class.path"),
                WatchroomCli.class.getName(), "--headless", "--duration", "120", "--data-dir", data.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("engine.log").toFile()).start();
        Path clip;
        try {
            Waits.until(Duration.ofSeconds(60), () -> largestClip(data).map(p -> size(p) > 300_000).orElse(false));
            clip = largestClip(data).orElseThrow();
        } finally {
            engine.destroyForcibly();
            engine.waitFor(10, TimeUnit.SECONDS);
        }
        ClipProbe probe = ClipProbe.of(clip);
        assertThat(probe.decodedFrames()).as("plays up to its last fragment").isGreaterThan(10);

        ByteArrayOutputStream restart = new ByteArrayOutputStream();
        assertThat(WatchroomCli.run(new String[] {"--headless", "--no-detect", "--duration", "1", "--data-dir",
                data.toString()}, null, new PrintStream(restart, true, StandardCharsets.UTF_8), System.err)).isZero();
        try (Database db = Database.open(data)) {
            List<Clip> clips = new ClipStore(db).openClips();
            assertThat(clips).as("no clip left open").isEmpty();
            Clip row = new EventStore(db).list(EventQuery.all()).stream()
                    .flatMap(e -> new ClipStore(db).forEvent(e.id()).stream())
                    .filter(c -> c.path().equals(clip.toString())).findFirst().orElseThrow();
            assertThat(row.sha256()).isEqualTo(ClipStore.sha256(clip));
            assertThat(row.interrupted()).isTrue();
            assertThat(new EventStore(db).list(EventQuery.all())).anyMatch(Event::interrupted);
        }
    }

    private static Optional<Path> largestClip(Path data) {
        if (!Files.isDirectory(data.resolve("clips"))) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(data.resolve("clips"))) {
            return files.filter(p -> p.toString().endsWith(".mp4")).max((a, b) -> Long.compare(size(a), size(b)));
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
