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
import org.watchroom.core.engine.EnginePorts;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.DetectionStore;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.NewDetection;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentClose;
import org.watchroom.core.store.SegmentStore;
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

        vm = new TimelineViewModel(EnginePorts.of(engine), new DirectTaskExecutor(), CLOCK, Duration.ZERO);

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
        vm = new TimelineViewModel(EnginePorts.of(engine), new DirectTaskExecutor(), CLOCK, Duration.ZERO);
        assertThat(vm.events()).singleElement().extracting(TimelineEvent::status).isEqualTo(EventStatus.PENDING);

        engine.reviews().confirm(first, People.as("local"), null); // the engine's reviews publish it
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
        vm = new TimelineViewModel(EnginePorts.of(engine), executor, CLOCK, Duration.ofMillis(50));
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
        vm = new TimelineViewModel(EnginePorts.of(engine), executor, CLOCK, Duration.ZERO);
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

    private void segment(long camera, String start, String end) {
        var store = new SegmentStore(db);
        var s = store.open(camera, "Gate", dataDir.resolve("recordings").resolve(start.replace(':', '-') + ".mp4"), at(start));
        if (end != null) {
            store.close(s.id(), new SegmentClose(at(end),
                    Duration.between(at(start), at(end)), 1000, "a".repeat(64),
                    Segment.NO_PREVIOUS, "h264", true, false));
        }
    }

    @Test
    void theWindowCrossesMidnightKeepingItsZoomAndRecordingsAreReadByWindowOnlyWhenTheViewLeavesIt() {
        // one-minute segments joined at keyframes across midnight, then an offline gap, then one still being written
        segment(gate, "2026-06-09T23:58", "2026-06-09T23:59");
        segment(gate, "2026-06-09T23:59", "2026-06-10T00:00");
        segment(gate, "2026-06-10T00:00", "2026-06-10T00:01");
        long gap = new GapStore(db).add(gate, at("2026-06-10T00:01"), at("2026-06-10T00:05"),
                RecordingGap.Reason.OFFLINE, "connection refused");
        segment(gate, "2026-06-10T00:05", null);
        QueuedTaskExecutor executor = new QueuedTaskExecutor();
        vm = new TimelineViewModel(EnginePorts.of(engine), executor, CLOCK, Duration.ZERO);
        executor.runAll();

        Coverage gateCoverage = vm.coverageProperty().get().get(gate);
        assertThat(gateCoverage.runs()).as("joined segments are one run, the one being written runs to now")
                .containsExactly(new Coverage.Run(at("2026-06-09T23:58"), at("2026-06-10T00:01"), false),
                        new Coverage.Run(at("2026-06-10T00:05"), at("2026-06-10T15:00"), true));
        assertThat(gateCoverage.gaps()).singleElement().satisfies(g -> {
            assertThat(g.id()).isEqualTo(gap);
            assertThat(vm.describe(g)).contains("Camera offline: connection refused").contains("00:01:00 – 00:05:00")
                    .contains("(4 min 0 s)");
        });
        assertThat(gateCoverage.recorded(at("2026-06-09T23:59:30"))).isTrue();
        assertThat(gateCoverage.recorded(at("2026-06-10T00:03"))).isFalse();

        // zoom to 15 minutes around midnight, then pan into yesterday: the zoom stays, the date follows
        vm.centreOn(at("2026-06-10T00:00"));
        for (int i = 0; i < 6; i++) { // 12 h, 6 h, 3 h, 1 h, 30 min, 15 min
            vm.zoomIn(0.5);
        }
        executor.runAll();
        assertThat(vm.zoomLabelProperty().get()).isEqualTo("15 min");
        assertThat(vm.scaleProperty().get().middle()).isEqualTo(at("2026-06-10T00:00"));
        var read = vm.coverageProperty().get();
        vm.pan(0.1);
        assertThat(executor.queued()).as("inside the window read, the same day: no query").isZero();
        vm.pan(-0.35);
        assertThat(vm.dayProperty().get()).isEqualTo(LocalDate.parse("2026-06-09"));
        assertThat(vm.zoomLabelProperty().get()).as("following the view over midnight keeps the zoom").isEqualTo("15 min");
        assertThat(executor.queued()).as("the new day's detections per hour").isEqualTo(1);
        executor.runAll();
        assertThat(vm.hourlyProperty().get().hourStarts().getFirst()).isEqualTo(at("2026-06-09T00:00"));
        assertThat(vm.coverageProperty().get()).as("recordings not read again inside the window").isSameAs(read);
        vm.pan(-200); // two days back: outside what was read
        assertThat(executor.queued()).as("left the window read: one query").isEqualTo(1);
        executor.runAll();
        assertThat(vm.coverageProperty().get()).isNotSameAs(read);
        assertThat(vm.coverageProperty().get()).as("no recording then").isEmpty();
        vm.centreOn(at("2026-06-10T00:00"));
        executor.runAll();
        assertThat(vm.coverageProperty().get().get(gate).runs()).first()
                .satisfies(r -> assertThat(r.from()).isEqualTo(at("2026-06-09T23:58")));
        vm.previousDay();
        assertThat(vm.zoomLabelProperty().get()).as("a picked day is shown whole").isEqualTo("24 h");
    }

    @Test
    void aClickPlaysItsCameraAndPickedCamerasPlayTogetherAtThePlayhead() {
        long yard = new CameraStore(db).add(Camera.create("Yard", "rtsp://yard/1", null, null), People.ADMIN).id();
        event(null, "Demo lobby", "person", "2026-06-10T09:00", "2026-06-10T09:05");
        vm = new TimelineViewModel(EnginePorts.of(engine), new DirectTaskExecutor(), CLOCK, Duration.ZERO);
        List<String> played = new ArrayList<>();
        vm.setOnPlay((strips, t) -> played.add(strips.stream().map(Strip::name).toList() + " at " + t));
        Strip gateStrip = new Strip(gate, "Gate");
        Strip yardStrip = new Strip(yard, "Yard");
        Strip demo = new Strip(null, "Demo lobby");
        assertThat(vm.strips()).containsExactly(gateStrip, yardStrip, demo);

        vm.play(gateStrip, at("2026-06-10T02:14"));
        assertThat(played).containsExactly("[Gate] at " + at("2026-06-10T02:14"));
        vm.play(demo, at("2026-06-10T09:01"));
        assertThat(vm.errorProperty().get()).contains("not a configured camera");
        assertThat(played).hasSize(1);

        vm.toggleSelected(yardStrip);
        vm.toggleSelected(gateStrip);
        vm.toggleSelected(demo);
        assertThat(vm.selected()).containsExactly(yardStrip, gateStrip);
        vm.playSelected();
        assertThat(played.getLast()).as("nothing plays: the middle of the view")
                .isEqualTo("[Yard, Gate] at " + at("2026-06-10T12:00"));
        vm.playheadProperty().set(at("2026-06-10T02:14:05"));
        vm.playSelected();
        assertThat(played.getLast()).isEqualTo("[Yard, Gate] at " + at("2026-06-10T02:14:05"));
        vm.toggleSelected(gateStrip);
        assertThat(vm.selected()).containsExactly(yardStrip);
    }
}
