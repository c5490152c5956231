package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.api.internal.FeedClient;
import org.watchroom.core.api.internal.FeedMessage;
import org.watchroom.core.api.internal.LiveFeed;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Role;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.control.ControlClient;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.engine.DemoWall;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.testing.Cli;

/**
 * {@code watchroom events follow} against a real engine, through its real control socket: what it prints for
 * people and for scripts (the REST API's feed, field for field), and that it lets go of the bus when its client
 * hangs up and ends promptly when the engine stops.
 */
class EventsFollowTest {
    private static final Operator CHIEF = new Operator("chief", "Chief", Role.ADMIN);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The local time a human line starts with, and the two blanks after it. */
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  ";

    @TempDir
    Path dir;
    private Path data;
    private Database database;
    private Engine engine;
    private ControlServer control;

    @BeforeEach
    void startEngine() throws Exception {
        data = dir.resolve("data");
        database = Database.open(data);
        engine = new Engine(database, new EventBus(), SourceOptions.defaults(), Optional.empty());
        engine.start(DemoWall.NEVER);
        control = HostedCommands.serve(engine, "headless", Optional.empty());
        Cli.Result added = Cli.inDataDir(data, "cameras", "add", "--name", "Door",
                "--url", "rtsp://admin:hunter2@127.0.0.1:9/door", "--record", "off");
        assertThat(added.exit()).as(added.err()).isZero();
    }

    @AfterEach
    void stopEngine() {
        control.close();
        engine.close();
        database.close();
    }

    @Test
    void printsALinePerHappeningAndEndsWhenTheEngineStops() throws Exception {
        try (Following follow = new Following("events", "follow")) {
            Event event = newEvent("person", 0.91f);
            publish(new WatchroomEvent.EventStarted(event.id(), 1, "Door", "person", 0.91f, Instant.now(), false));
            publish(new WatchroomEvent.EventUpdated(event.id(), 1, 0.95f, null, "person"));
            publish(new WatchroomEvent.EventEnded(event.id(), 1, Instant.now(), Duration.ofMillis(12_300), null));
            engine.reviews().confirm(event.id(), CHIEF, "the postman");
            publish(new WatchroomEvent.CameraStateChanged(1, "Door", new CameraState.Reconnecting(3, Instant.now(),
                    "Connection refused: rtsp://admin:hunter2@127.0.0.1:9/door")));
            publish(new WatchroomEvent.StorageAlert("recording_paused", "Only 0.4 GB free; recording paused."));

            String e = "event " + event.id();
            follow.awaitOut("storage: recording_paused");
            assertThat(follow.lines()).contains(
                    "Door: " + e + " person started (0.91)",
                    "Door: " + e + " person peak 0.95",
                    "Door: " + e + " ended after 12.3 s, nothing recorded",
                    "Door: " + e + " confirmed by chief",
                    "camera Door: RECONNECTING (Connection refused: rtsp://admin:***@127.0.0.1:9/door)",
                    "storage: recording_paused — Only 0.4 GB free; recording paused.");
            assertThat(follow.out().lines().filter(l -> l.contains(e)).toList()).as("local time first")
                    .allMatch(l -> l.matches(TIME + "Door: .*"));
            assertThat(follow.out()).doesNotContain("hunter2");

            long start = System.nanoTime();
            control.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the feed does not hold the engine up")
                    .isLessThan(Duration.ofSeconds(3));
            assertThat(follow.exit()).isZero();
            assertThat(follow.lines()).last().isEqualTo("The engine stopped.");
            assertThat(follow.subscribed()).isFalse();
        }
    }

    @Test
    void jsonLinesAreTheApiFeedsEventsFieldForField() throws Exception {
        try (LiveFeed api = new LiveFeed(engine.bus()); FeedClient sse = api.open(null);
             Following follow = new Following("events", "follow", "--json")) {
            Event event = newEvent("car", 0.7f);
            publish(new WatchroomEvent.EventStarted(event.id(), 1, "Door", "car", 0.7f, Instant.now(), true));
            publish(new WatchroomEvent.CameraStateChanged(1, "Door", new CameraState.Failed(
                    "rtsp://admin:hunter2@127.0.0.1:9/door: 401 Unauthorized")));
            engine.reviews().dismiss(event.id(), CHIEF, null);
            publish(new WatchroomEvent.EventEnded(event.id(), 1, Instant.now(), Duration.ofSeconds(4),
                    "/data/clips/1.mp4"));
            publish(new WatchroomEvent.StorageAlert("ok", null));

            follow.awaitOut("\"storage\"");
            List<JsonNode> lines = new ArrayList<>();
            for (String line : follow.lines()) {
                lines.add(JSON.readTree(line));
            }
            List<FeedMessage> sent = new ArrayList<>();
            for (FeedMessage m = sse.poll(1000); m != null; m = sse.poll(100)) {
                // the camera's own attempts to connect (refused) are on the bus too, from before the follower listened
                if (!m.sseType().equals("camera_status") || m.data().contains("FAILED")) {
                    sent.add(m);
                }
            }
            List<String> apiEvents = sent.stream().map(FeedMessage::sseType).toList();
            assertThat(lines).extracting(l -> l.get("event").asText()).containsSubsequence(
                    "event_start", "camera_status", "event_reviewed", "event_end", "storage");
            for (FeedMessage m : sent) {
                // the same name, the same fields with the same values and types
                JsonNode line = lines.stream().filter(l -> l.get("event").asText().equals(m.sseType())
                        && l.get("data").equals(parse(m.data()))).findFirst().orElse(null);
                assertThat(line).as("the command line's line for the API's " + m.sseType() + " " + m.data())
                        .isNotNull();
            }
            assertThat(apiEvents).contains("event_start", "camera_status", "event_reviewed", "event_end", "storage");
            assertThat(follow.out()).doesNotContain("hunter2").doesNotContain("/data/clips")
                    .doesNotContain("Following"); // nothing but JSON on stdout
        }
    }

    @Test
    void followersHaveSlotsOfTheirOwnSoCommandsStillRun() throws Exception {
        List<Following> followers = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                followers.add(new Following("events", "follow"));
            }
            Cli.Result list = Cli.inDataDir(data, "cameras", "list");
            assertThat(list.exit()).as("eight followers keep no command out: %s", list.err()).isZero();
            assertThat(list.out()).contains("Door");
            Cli.Result ninth = Cli.inDataDir(data, "events", "follow");
            assertThat(ninth.exit()).isEqualTo(1);
            assertThat(ninth.err()).contains("8 live feeds already");
        } finally {
            followers.reversed().forEach(Following::close); // each counts from the followers before it
        }
    }

    @Test
    void onlyTheCamerasAskedFor() throws Exception {
        try (Following follow = new Following("events", "follow", "--camera", "1")) {
            publish(new WatchroomEvent.EventStarted(900, 2, "Yard", "dog", 0.8f, Instant.now(), false));
            publish(new WatchroomEvent.RecordingChanged(2));
            publish(new WatchroomEvent.RecordingChanged(1));
            publish(detections());
            publish(new WatchroomEvent.CamerasChanged());

            follow.awaitOut("cameras changed");
            assertThat(follow.out()).contains("Door: recording changed").doesNotContain("Yard")
                    .doesNotContain("camera 2").as("detections only when asked for").doesNotContain("person 0.88");
        }
        try (Following follow = new Following("events", "follow", "--detections")) {
            publish(detections());
            follow.awaitOut("Door: person 0.88");
        }
        Cli.Result unknown = Cli.inDataDir(data, "events", "follow", "--camera", "7");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("there is no camera 7");
    }

    @Test
    void aClientThatHangsUpIsLetGoWithinSeconds() throws Exception {
        int before = engine.bus().subscribers();
        Following follow = new Following("events", "follow");
        assertThat(engine.bus().subscribers()).isEqualTo(before + 1);
        Thread.sleep(FollowEvents.PING_MILLIS * 3 / 2);
        // the camera's real attempts to connect (nothing listens) are all there is to see; the pings show nothing
        List<String> quiet = follow.lines();
        assertThat(quiet.getFirst()).isEqualTo("Following the engine for " + data.toAbsolutePath() + " (Ctrl+C stops).");
        assertThat(quiet.subList(1, quiet.size())).allMatch(l -> l.startsWith("camera Door: "));
        assertThat(follow.err.size()).isZero();

        follow.client.close(); // what Ctrl+C does to the socket

        long start = System.nanoTime();
        await(() -> engine.bus().subscribers() == before, Duration.ofSeconds(3));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(Cli.inDataDir(data, "engine", "status").exit()).as("the engine goes on").isZero();
    }

    @Test
    void withoutARunningEngineItSaysSoAtOnce() {
        Path elsewhere = dir.resolve("elsewhere");
        Database.open(elsewhere).close();

        long start = System.nanoTime();
        Cli.Result result = Cli.inDataDir(elsewhere, "events", "follow");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("watchroom: no engine runs for " + elsewhere.toAbsolutePath()
                + "; events follow shows a running engine's feed");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void aFollowerThatFallsBehindDropsTheNewestAndCountsThem() throws Exception {
        EventBus bus = new EventBus();
        try (Follower follower = Follower.follow(bus, e -> true, 2)) {
            assertThat(bus.subscribers()).isOne();
            for (int i = 0; i < 5; i++) {
                bus.publish(new WatchroomEvent.StorageAlert("s" + i, null));
            }
            assertThat(((WatchroomEvent.StorageAlert) follower.next(0).event()).state()).isEqualTo("s0");
            assertThat(((WatchroomEvent.StorageAlert) follower.next(0).event()).state()).isEqualTo("s1");
            assertThat(follower.caughtUp()).isTrue();
            assertThat(follower.takeDropped()).isEqualTo(3);
            assertThat(follower.takeDropped()).isZero();
            follower.wake();
            assertThat(follower.next(0).event()).as("a wake-up, not a happening").isNull();
        }
        assertThat(bus.subscribers()).isZero();
    }

    private static WatchroomEvent.DetectionsReady detections() {
        return new WatchroomEvent.DetectionsReady(new DetectionResult(1, "Door", 7, Instant.now(), 640, 480,
                List.of(new Detection("person", 0, 0.88f, new Box(10, 20, 30, 40), null)), List.of()));
    }

    private Event newEvent(String label, float score) {
        return engine.events().create(new NewEvent(1L, "Door", label, Instant.now(), score, null, null));
    }

    private void publish(WatchroomEvent event) {
        engine.bus().publish(event);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(json, e);
        }
    }

    private static void await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + limit);
            }
            Thread.sleep(20);
        }
    }

    /** {@code watchroom events follow …} typed beside the engine, running on a thread of its own. */
    private final class Following implements AutoCloseable {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final ControlClient client = ControlClient.connect(data).orElseThrow();
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();
        private final int subscribersBefore = engine.bus().subscribers();

        Following(String... args) throws InterruptedException {
            Thread.ofVirtual().name("events-follow-client").start(() -> exit.complete(client.run(Arrays.asList(args),
                    dir, InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), prompt -> null)));
            await(() -> subscribed() || exit.isDone(), Duration.ofSeconds(5));
            assertThat(exit).as("still following: %s", err).isNotDone();
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        /** Each line, the time taken off the human ones. */
        List<String> lines() {
            return out().lines().map(l -> l.matches(TIME + ".*") ? l.substring(21) : l).toList();
        }

        void awaitOut(String text) throws InterruptedException {
            await(() -> out().contains(text), Duration.ofSeconds(5));
        }

        int exit() throws Exception {
            return exit.get(3, TimeUnit.SECONDS);
        }

        /** Whether its follower still listens on the bus. */
        boolean subscribed() {
            return engine.bus().subscribers() > subscribersBefore;
        }

        /** Hangs up, and waits for the follower to let go of the bus (the next one counts from there). */
        @Override
        public void close() {
            client.close();
            try {
                await(() -> !subscribed(), Duration.ofSeconds(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while the follower let go", e);
            }
        }
    }
}
