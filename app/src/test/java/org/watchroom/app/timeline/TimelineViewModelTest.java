package org.watchroom.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.app.wall.DirectTaskExecutor;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.DetectionStore;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.NewDetection;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.store.TimelineEvent;
import org.watchroom.core.testing.People;

/** The timeline's ViewModel against a real H2 file and engine bus, without a Stage. */
class TimelineViewModelTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Clock CLOCK = Clock.fixed(at("2026-06-10T15:00"), BERLIN);
    @TempDir
    Path dataDir;
    private Database db;
    private Engine engine;
    private EventStore events;
    private TimelineViewModel vm;
    private long gate;

    @BeforeEach
    void open() {
        db = Database.open(dataDir);
        engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty());
        events = engine.events();
        gate = new CameraStore(db).add(Camera.create("Gate", "rtsp://gate/1", null, null), People.ADMIN).id();
    }

    @AfterEach
    void close() {
        if (vm != null) {
            vm.close();
        }
        engine.close();
        db.close();
    }

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    private long event(Long camera, String name, String label, String start, String end) {
        long id = events.create(new NewEvent(camera, name, label, at(start), 0.9f, null, null)).id();
        if (end != null) {
            events.end(id, at(end));
        }
        return id;
    }

    private static List<Long> ids(List<TimelineEvent> list) {
        return list.stream().map(TimelineEvent::id).toList();
    }

    @Test
    void showsTodayByDefaultWithAStripPerCameraAndTheDaysDetectionsPerHour() {
        long overMidnight = event(gate, "Gate", "car", "2026-06-09T23:30", "2026-06-10T00:20");
        long demo = event(null, "Demo lobby", "person", "2026-06-10T09:00", "2026-06-10T09:05");
        long ongoing = event(gate, "Gate", "person", "2026-06-10T14:00", null);
        long yesterday = event(gate, "Gate", "person", "2026-06-09T10:00", "2026-06-09T10:01");
        List<NewDetection> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seen.add(new NewDetection(at("2026-06-10T09:0" + i), new Detection("person", 0, 0.9f, new Box(0, 0, 5, 5), null), null));
        }
        new DetectionStore(db).addAll(demo, seen);

        vm = new TimelineViewModel(engine, new DirectTaskExecutor(), CLOCK, Duration.ZERO);

        assertThat(vm.dayProperty().get()).isEqualTo(LocalDate.parse("2026-06-10"));
        assertThat(vm.zoomLabelProperty().get()).isEqualTo("24 h");
        assertThat(vm.strips()).containsExactly(new Strip(gate, "Gate"), new Strip(null, "Demo lobby"));
        assertThat(ids(vm.events())).containsExactly(overMidnight, demo, ongoing);
        assertThat(vm.cappedProperty().get()).isFalse();
        var hourly = vm.hourlyProperty().get();
        assertThat(hourly.cameras()).hasSize(1);
        assertThat(hourly.cameras().getFirst().cameraName()).isEqualTo("Demo lobby");
        assertThat(hourly.cameras().getFirst().counts().get(9)).isEqualTo(3);
        assertThat(HourCategories.of(hourly)).hasSize(24).startsWith("00", "01").endsWith("23");

        vm.zoomIn(0.5);
        assertThat(vm.zoomLabelProperty().get()).isEqualTo("12 h");
        vm.previousDay();
        assertThat(vm.zoomLabelProperty().get()).as("a new day starts whole").isEqualTo("24 h");
        assertThat(ids(vm.events())).containsExactly(yesterday, overMidnight);
        assertThat(vm.strips()).containsExactly(new Strip(gate, "Gate"));
        vm.today();
        assertThat(ids(vm.events())).containsExactly(overMidnight, demo, ongoing);
    }

    @Test
    void reviewsAndNewEventsOnTheBusReloadTheDayAndClicksGoToTheWindowsConsumer() {
        long first = event(gate, "Gate", "person", "2026-06-10T10:00", "2026-06-10T10:01");
        vm = new TimelineViewModel(engine, new DirectTaskExecutor(), CLOCK, Duration.ZERO);
        assertThat(vm.events()).singleElement().extracting(TimelineEvent::status).isEqualTo(EventStatus.PENDING);

        events.confirm(first, People.as("local"), null); // the engine's store publishes the review
        assertThat(vm.events()).singleElement().extracting(TimelineEvent::status).isEqualTo(EventStatus.CONFIRMED);

        long second = event(gate, "Gate", "car", "2026-06-10T11:00", null);
        engine.bus().publish(new WatchroomEvent.EventStarted(second, gate, "Gate", "car", 0.9f, at("2026-06-10T11:00"), false));
        assertThat(ids(vm.events())).containsExactly(first, second);

        List<Long> opened = new ArrayList<>();
        vm.setOnOpenEvent(opened::add);
        vm.open(second);
        assertThat(opened).containsExactly(second);
    }

    @Test
    void aBurstOfBusEventsCausesOneReloadAfterTheThrottle() {
        event(gate, "Gate", "person", "2026-06-10T10:00", "2026-06-10T10:01");
        QueuedTaskExecutor executor = new QueuedTaskExecutor();
        vm = new TimelineViewModel(engine, executor, CLOCK, Duration.ofMillis(50));
        assertThat(executor.queued()).isEqualTo(1);
        executor.runAll();
        assertThat(vm.events()).hasSize(1);

        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(event(gate, "Gate", "person", "2026-06-10T12:0" + i, "2026-06-10T12:0" + i + ":30"));
            engine.bus().publish(new WatchroomEvent.EventEnded(ids.getLast(), gate, at("2026-06-10T12:00"), Duration.ZERO, null));
        }
        assertThat(executor.queued()).as("one wait for the throttle, not five reloads").isEqualTo(1);
        executor.runOne(); // the wait ends and queues the reload
        assertThat(executor.queued()).isEqualTo(1);
        executor.runOne();
        assertThat(executor.queued()).isZero();
        assertThat(vm.events()).hasSize(6);
    }

    @Test
    void aHiddenTimelineRunsNoQueriesAndReadsTheDayAfreshWhenShown() {
        QueuedTaskExecutor executor = new QueuedTaskExecutor();
        vm = new TimelineViewModel(engine, executor, CLOCK, Duration.ZERO);
        executor.runAll();
        vm.setShown(false);
        long id = event(gate, "Gate", "person", "2026-06-10T12:00", "2026-06-10T12:01");
        engine.bus().publish(new WatchroomEvent.EventEnded(id, gate, at("2026-06-10T12:01"), Duration.ZERO, null));
        assertThat(executor.queued()).as("hidden: nothing queued").isZero();
        vm.setShown(true);
        assertThat(executor.queued()).isEqualTo(1);
        executor.runAll();
        assertThat(vm.events()).extracting(e -> e.id()).contains(id);
    }
}
