package org.watchroom.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.app.wall.DirectTaskExecutor;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.playback.ClipPlayer;
import org.watchroom.core.playback.PlayerState;
import org.watchroom.core.playback.Recordings;
import org.watchroom.core.playback.TestSegments;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.ClipStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.DetectionStore;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.NewDetection;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.testing.People;

/** {@link ReviewViewModel} without a Stage: real H2 file, real fragmented MP4, real player thread. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReviewViewModelTest {
    @TempDir
    Path dataDir;
    Database database;
    EventStore events;
    ReviewViewModel model;
    long eventId;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(dataDir);
        events = new EventStore(database);
        eventId = ReviewFixture.storeEvent(database, events, dataDir);
        model = new ReviewViewModel(events, new DirectTaskExecutor());
    }

    @AfterEach
    void close() {
        model.close();
        database.close();
    }

    /** Polls like the view's animation timer does until {@code condition} holds. */
    private void pollUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            model.pollFrame();
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met; position " + model.positionProperty().get()
                        + ", state " + model.stateProperty().get());
            }
            Thread.sleep(15);
        }
    }

    @Test
    void loadsTheEventAndPlayPauseSeekAndStepMoveThePosition() throws Exception {
        model.load(eventId);
        // opens at the event (1 s into its clip), not at the start of the pre-roll
        pollUntil(() -> model.stateProperty().get() instanceof PlayerState.Paused
                && model.positionProperty().get() == 1_000_000);
        assertThat(model.durationProperty().get()).isBetween(5_800_000L, 6_200_000L);
        assertThat(model.detailsProperty().get().event().id()).isEqualTo(eventId);
        assertThat(model.pictures()).extracting(p -> p.getFileName().toString()).containsExactly("event.jpg", "face.png");
        assertThat(model.messageProperty().get()).isEmpty();

        model.play();
        pollUntil(() -> model.positionProperty().get() >= 1_400_000);
        model.pause();
        pollUntil(() -> model.stateProperty().get() instanceof PlayerState.Paused);
        long paused = model.positionProperty().get();
        Thread.sleep(300);
        model.pollFrame();
        assertThat(model.positionProperty().get()).as("paused holds").isEqualTo(paused);

        model.seek(3_000_000);
        pollUntil(() -> model.positionProperty().get() == 3_000_000);
        model.step(1);
        pollUntil(() -> model.positionProperty().get() == 3_100_000);
        model.step(-1);
        model.step(-1);
        pollUntil(() -> model.positionProperty().get() == 2_900_000);

        model.jumpToPeak();
        pollUntil(() -> model.positionProperty().get() == 2_000_000);
    }

    @Test
    void boxesAreFoundAtTheirTimestampsAndHeldBriefly() throws Exception {
        model.load(eventId);
        pollUntil(() -> model.format() != null);
        assertThat(model.track().peakMicros()).isEqualTo(2_000_000);
        assertThat(model.track().scores()).extracting(p -> Math.round(p.score() * 100))
                .containsExactly(60L, 90L, 70L);
        assertThat(model.track().scores()).extracting(BoxTrack.ScorePoint::seconds).containsExactly(1.0, 2.0, 3.0);
        assertThat(model.boxesAt(900_000)).as("before the first detection").isNull();
        DetectionResult peak = model.boxesAt(2_000_000);
        assertThat(peak.detections()).extracting(d -> d.label()).containsExactly("person", "face");
        assertThat(peak.frameWidth()).isEqualTo(768);
        assertThat(peak.frameHeight()).isEqualTo(576);
        assertThat(model.boxesAt(2_300_000)).as("held until the next").isSameAs(peak);
        assertThat(model.boxesAt(3_000_000).detections()).singleElement()
                .satisfies(d -> assertThat(d.box().x()).isEqualTo(500));
        assertThat(model.boxesAt(4_000_000)).as("held no longer than " + BoxTrack.HOLD_MICROS + " µs").isNull();
    }

    /** A model on {@code bus} showing an event still going on, with no clip yet; returns the event's id. */
    private long showOngoing(EventBus bus) {
        model.close();
        model = new ReviewViewModel(events, bus, new DirectTaskExecutor());
        long ongoing = events.create(new NewEvent(null, "Gate", "person", ReviewFixture.CLIP_START.plusSeconds(1), 0.7f,
                null, null)).id();
        model.load(ongoing);
        return ongoing;
    }

    @Test
    void anOngoingEventWithoutItsClipYetLoadsAgainWhenTheClipCloses() throws Exception {
        EventBus bus = new EventBus();
        long ongoing = showOngoing(bus);
        assertThat(model.messageProperty().get()).startsWith("Still going on");

        bus.publish(new WatchroomEvent.ClipClosed(99, -1, "elsewhere.mp4", Duration.ofSeconds(6), List.of(eventId)));
        assertThat(model.messageProperty().get()).as("another event's clip changes nothing").startsWith("Still going on");

        ClipStore clips = new ClipStore(database);
        long clipId = clips.forEvent(eventId).getFirst().id();
        clips.link(clipId, ongoing); // what the recorder does when the clip closes
        bus.publish(new WatchroomEvent.ClipClosed(clipId, -1, "gate-1.mp4", Duration.ofSeconds(6), List.of(ongoing)));
        pollUntil(() -> model.stateProperty().get() instanceof PlayerState.Paused);
        assertThat(model.detailsProperty().get().clips()).extracting(c -> c.id()).containsExactly(clipId);
        assertThat(model.messageProperty().get()).isEmpty();
    }

    @Test
    void theHeaderFollowsARunningEventsPeakToItsEnd() throws Exception {
        EventBus bus = new EventBus();
        long ongoing = showOngoing(bus);
        assertThat(model.currentProperty().get().peakScore()).isEqualTo(0.7f);

        events.updatePeak(ongoing, 0.93f, null, null);
        bus.publish(new WatchroomEvent.EventUpdated(ongoing, -1, 0.93f, null, "person"));
        bus.publish(new WatchroomEvent.EventUpdated(eventId, -1, 0.99f, null, "person")); // another event: nothing
        assertThat(model.currentProperty().get().peakScore()).isEqualTo(0.93f);
        assertThat(model.currentProperty().get().ongoing()).isTrue();

        events.end(ongoing, ReviewFixture.CLIP_START.plusSeconds(9));
        bus.publish(new WatchroomEvent.EventEnded(ongoing, -1, ReviewFixture.CLIP_START.plusSeconds(9),
                Duration.ofSeconds(8), null));
        assertThat(model.currentProperty().get().ongoing()).as("the final peak, of an event that ended").isFalse();
        assertThat(model.currentProperty().get().peakScore()).isEqualTo(0.93f);
    }

    @Test
    void anotherEventClosesThePlayerAndAMissingClipSaysSo() throws Exception {
        model.load(eventId);
        pollUntil(() -> model.format() != null);
        ClipPlayer first = model.player();
        Files.delete(Path.of(model.clip().path()));
        long bare = events.create(new NewEvent(null, "Yard", "car", ReviewFixture.CLIP_START, 0.5f, null, null)).id();
        events.end(bare, ReviewFixture.CLIP_START.plusSeconds(3));

        model.load(bare);
        assertThat(first.running()).as("the old player thread ended").isFalse();
        assertThat(model.player()).isNull();
        assertThat(model.messageProperty().get()).isEqualTo("No clip was recorded for this event.");

        model.load(eventId); // its file is gone now
        pollUntil(() -> model.stateProperty().get() instanceof PlayerState.Failed);
        assertThat(model.messageProperty().get()).contains("missing");
        model.close();
        assertThat(model.player()).isNull();
    }

    @Test
    void anEventOfACameraRecordedContinuouslyPlaysItsRangeOfTheRecordingFromTheEventsStart() throws Exception {
        long gate = new CameraStore(database).add(
                Camera.create("Gate", "rtsp://gate/1", null, null),
                People.ADMIN).id();
        Instant t0 = ReviewFixture.CLIP_START.minusSeconds(600);
        // segments of 6 s: the event (8 s to 12 s) runs over the boundary at 12 s, its range from 3 s to 22 s
        TestSegments.cut(database, gate, "Gate", dataDir, t0,
                new double[] {0, 6}, new double[] {6, 12}, new double[] {12, 18}, new double[] {18, 30});
        long id = events.create(new NewEvent(gate, "Gate", "person", t0.plusSeconds(8), 0.8f,
                null, null)).id();
        new DetectionStore(database).addAll(id, List.of(new NewDetection(
                t0.plusSeconds(11), new Detection("person", 0, 0.8f,
                        new Box(300, 200, 80, 200), null), null)));
        events.end(id, t0.plusSeconds(12));
        model.close();
        model = new ReviewViewModel(events, null, new DirectTaskExecutor(),
                camera -> Recordings.stored(database, camera));

        model.load(id);
        pollUntil(() -> model.stateProperty().get() instanceof PlayerState.Paused
                && model.positionProperty().get() == 5_000_000);
        assertThat(model.clip()).as("no clip file: the recording").isNull();
        assertThat(model.range()).isEqualTo(new ReviewViewModel.Range(gate, t0.plusSeconds(3), t0.plusSeconds(22)));
        assertThat(model.wallTime(model.positionProperty().get())).as("opens at the event").isEqualTo(t0.plusSeconds(8));
        assertThat(model.durationProperty().get()).as("pre-roll 5 s, 4 s, post-roll 10 s").isEqualTo(19_000_000);
        assertThat(model.messageProperty().get()).isEmpty();

        model.jumpToPeak();
        pollUntil(() -> model.positionProperty().get() == 8_000_000);
        assertThat(model.boxesAt(8_000_000).detections()).singleElement()
                .satisfies(d -> assertThat(d.box().x()).isEqualTo(300));
        model.speedProperty().set(4.0);
        model.play();
        pollUntil(() -> model.positionProperty().get() >= 10_000_000); // over the segment boundary at 12 s
        model.seek(30_000_000);
        pollUntil(() -> model.positionProperty().get() == 19_000_000); // the range's end, not the recording's
        model.seek(-3_000_000);
        pollUntil(() -> model.positionProperty().get() == 0);
        assertThat(model.wallTime(0)).isEqualTo(t0.plusSeconds(3));
    }
}
