package org.watchroom.core.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Role;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.testing.Waits;

/**
 * The engine's event bus followed from another process: a real engine publishes on its bus (and a real review goes
 * through {@code engine.Reviews}), a {@link RemoteFeed} in this JVM republishes what arrives through the control
 * socket on its own bus.
 */
class RemoteFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private RemoteEngine engine;
    private final Queue<FeedSignal> signals = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void theEnginesEventsArriveTypedOnTheClientsBus() throws Exception {
        engine = new RemoteEngine(dir, RemoteService.FEED_CAPACITY);
        try (RemoteFeed feed = RemoteFeed.connect(engine.data, signals::add)) {
            Queue<WatchroomEvent> received = new ConcurrentLinkedQueue<>();
            feed.bus().subscribe(WatchroomEvent.class, received::add);
            assertThat(signals).singleElement().isInstanceOf(FeedSignal.Connected.class);

            List<WatchroomEvent> published = List.of(
                    new WatchroomEvent.CameraStateChanged(1, "Gate", new CameraState.Reconnecting(3,
                            Instant.parse("2026-12-07T06:10:00.25Z"), "connection refused")),
                    new WatchroomEvent.EventEnded(5, 1, Instant.parse("2026-12-07T06:10:01Z"), Duration.ofSeconds(4),
                            "/clips/5.mp4"),
                    new WatchroomEvent.StorageAlert("recording_paused", "Less than 1 GB free"),
                    new WatchroomEvent.CamerasChanged(),
                    new WatchroomEvent.DetectionsReady(new DetectionResult(1, "Gate", 9, Instant.EPOCH, 640, 480,
                            List.of(), List.of())));
            published.forEach(engine.engine.bus()::publish);
            Event event = engine.engine.events().create(new NewEvent(null, "Gate", "person", Instant.now(), 0.8f,
                    new Box(1, 1, 5, 5), null));
            engine.engine.reviews().confirm(event.id(), new Operator("chief", "Chief", Role.ADMIN), "a visitor");

            Waits.until(WAIT, () -> received.stream().anyMatch(WatchroomEvent.EventReviewed.class::isInstance));
            assertThat(received).containsSubsequence(published);
            assertThat(received).contains(new WatchroomEvent.EventReviewed(event.id(), EventStatus.CONFIRMED, "chief"));
            assertThat(feed.connected()).isTrue();
        }
        Waits.until(WAIT, () -> signals.stream().anyMatch(FeedSignal.Lost.class::isInstance));
        assertThat(signals).filteredOn(FeedSignal.Lost.class::isInstance).singleElement()
                .satisfies(s -> assertThat(((FeedSignal.Lost) s).closedHere()).isTrue());
        Waits.until(WAIT, () -> engine.service.sessions() == 0);
    }

    @Test
    void aSlowClientNeverHoldsUpThePublisherAndHearsHowManyItMissed() throws Exception {
        engine = new RemoteEngine(dir, 16);
        CountDownLatch stuck = new CountDownLatch(1);
        Queue<WatchroomEvent> received = new ConcurrentLinkedQueue<>();
        AtomicLong dropped = new AtomicLong();
        try (RemoteFeed feed = RemoteFeed.connect(engine.data, signal -> {
            if (signal instanceof FeedSignal.Dropped d) {
                dropped.addAndGet(d.count());
            }
        })) {
            feed.bus().subscribe(WatchroomEvent.class, e -> {
                received.add(e);
                try {
                    stuck.await(); // the client's reader stops: the socket and then the engine's queue fill up
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            });
            int detections = 20_000;
            int important = 10;
            Thread publisher = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < detections; i++) {
                    engine.engine.bus().publish(new WatchroomEvent.DetectionsReady(new DetectionResult(1, "Gate", i,
                            Instant.EPOCH, 640, 480, List.of(), List.of())));
                    if (i % (detections / important) == detections / important - 1) {
                        engine.engine.bus().publish(new WatchroomEvent.RecordingChanged(i));
                    }
                }
            });
            publisher.join(Duration.ofSeconds(20));
            assertThat(publisher.isAlive()).as("the publisher finished while the client took nothing").isFalse();

            stuck.countDown();
            Waits.until(WAIT, () -> received.stream().filter(WatchroomEvent.RecordingChanged.class::isInstance)
                    .count() == important);
            Waits.until(WAIT, () -> dropped.get() > 0);
            long detectionsReceived = received.stream().filter(WatchroomEvent.DetectionsReady.class::isInstance).count();
            assertThat(detectionsReceived).isLessThan(detections);
            Waits.until(WAIT, () -> received.stream().filter(WatchroomEvent.DetectionsReady.class::isInstance).count()
                    + dropped.get() >= detections);
            assertThat(received).as("detections are dropped before anything else")
                    .filteredOn(WatchroomEvent.RecordingChanged.class::isInstance).hasSize(important);
        }
    }

    @Test
    void theClientHearsAtOnceWhenTheEngineGoesAway() throws Exception {
        engine = new RemoteEngine(dir, RemoteService.FEED_CAPACITY);
        CountDownLatch lost = new CountDownLatch(1);
        try (RemoteFeed feed = RemoteFeed.connect(engine.data, signal -> {
            signals.add(signal);
            if (signal instanceof FeedSignal.Lost) {
                lost.countDown();
            }
        })) {
            engine.control.close();

            assertThat(lost.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(feed.connected()).isFalse();
            assertThat(signals).last().isInstanceOf(FeedSignal.Lost.class)
                    .satisfies(s -> assertThat(((FeedSignal.Lost) s).closedHere()).isFalse())
                    .satisfies(s -> assertThat(((FeedSignal.Lost) s).reason()).contains("went away"));
        }
        assertThat(signals).filteredOn(FeedSignal.Lost.class::isInstance).hasSize(1);
        engine.control = ControlServer.start(engine.data, "test", (request, io) -> 0);
    }
}
