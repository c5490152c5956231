package org.watchroom.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.event.EventRuleConfig;
import org.watchroom.core.event.EventRules;
import org.watchroom.core.event.EventSignal;
import org.watchroom.core.event.Region;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.FrameSize;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.testing.People;

/** A dismissed event's box becomes a suppression region: real H2 file, scripted detector results, no video. */
class SuppressionTest {
    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    /** The detector frame: boxes below are in its pixels. */
    private static final int W = 640;
    private static final int H = 480;
    /** A parked bicycle the detector keeps calling a person. */
    private static final Box STATUE = new Box(320, 240, 64, 120);

    @TempDir
    Path dataDir;

    private static Engine engine(Database db) {
        return new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty(),
                DetectionService.off("test"), RecordingOptions.off());
    }

    private static Event dismissedEvent(Engine engine, Camera camera, String label, Box box, FrameSize size) {
        Event e = engine.events().create(new NewEvent(camera.id(), camera.name(), label, T0, 0.8f, box, null, size));
        return engine.reviews().dismiss(e.id(), People.as("alice"), "statue");
    }

    /**
     * Twenty passes, five a second, of one box walking slowly right (1.5 px a pass): far enough to count as moving
     * (objects that never moved raise nothing), not so far that its centre leaves the spot it started on.
     */
    private static List<EventSignal> walking(EventRules rules, String label, Box box) {
        List<EventSignal> out = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            Box moved = new Box(box.x() + t * 1.5f, box.y(), box.width(), box.height());
            out.addAll(rules.accept(new DetectionResult(rules.cameraId(), "Yard", t, T0.plusMillis(200L * t), W, H,
                    List.of(det(label, moved)), List.of())));
        }
        return out;
    }

    private static Detection det(String label, Box box) {
        return new Detection(label, 0, 0.9f, box, null);
    }

    @Test
    void aSuppressedBoxNoLongerMakesEventsOfThatLabelThere() {
        try (Database db = Database.open(dataDir); Engine engine = engine(db)) {
            Camera yard = engine.store().add(Camera.create("Yard", "lavfi:testsrc2=size=640x480:rate=5", null, null), People.ADMIN);
            Event dismissed = dismissedEvent(engine, yard, "person", STATUE, new FrameSize(W, H));

            Suppression added = engine.suppress(dismissed.id(), People.as("alice"));

            Region expected = new Region(0.5, 0.5, 0.1, 0.25);
            assertThat(added).isEqualTo(new Suppression(yard.id(), "person", expected));
            Camera saved = engine.store().find(yard.id()).orElseThrow();
            EventRuleConfig rules = EventRuleConfig.parse(saved.eventRules());
            assertThat(rules.suppressions("person")).containsExactly(expected);
            assertThat(EventRuleConfig.parse(rules.toJson())).as("the JSON round-trips").isEqualTo(rules);
            assertThat(engine.suppressions(yard.id())).containsExactlyEntriesOf(Map.of("person",
                    List.of(expected)));

            // the same spot, walking slowly (so that it counts as moving): no event; elsewhere, or another label there:
            // events as before
            EventRules running = new EventRules(yard.id(), rules);
            assertThat(walking(running, "person", new Box(322, 238, 60, 124))).isEmpty();
            assertThat(walking(new EventRules(yard.id(), rules), "person", new Box(40, 40, 64, 120)))
                    .anyMatch(s -> s instanceof EventSignal.Started);
            assertThat(walking(new EventRules(yard.id(), rules), "car", STATUE))
                    .anyMatch(s -> s instanceof EventSignal.Started);

            AuditLog audit = new AuditLog(db.jdbi());
            assertThat(audit.about(Event.subject(dismissed.id()))).extracting(AuditEntry::action)
                    .containsExactly("event.dismiss", "event.suppress");
            assertThat(audit.about(Event.subject(dismissed.id())).getLast().detail())
                    .isEqualTo("person at x 50.0% y 50.0%, 10.0% x 25.0%");
            assertThat(audit.about("camera:" + yard.id())).extracting(AuditEntry::action)
                    .containsExactly("camera.add", "camera.update");
            assertThat(audit.verify().ok()).isTrue();

            // twice is once
            engine.suppress(dismissed.id(), People.as("alice"));
            assertThat(engine.suppressions(yard.id()).get("person")).containsExactly(expected);

            assertThat(engine.removeSuppression(yard.id(), "person", expected, People.as("bob"))).isTrue();
            assertThat(engine.suppressions(yard.id())).isEmpty();
            assertThat(engine.removeSuppression(yard.id(), "person", expected, People.as("bob"))).isFalse();
            assertThat(audit.about("camera:" + yard.id())).extracting(AuditEntry::action).contains("event.unsuppress");
            EventRules after = new EventRules(yard.id(),
                    EventRuleConfig.parse(engine.store().find(yard.id()).orElseThrow().eventRules()));
            assertThat(walking(after, "person", STATUE)).anyMatch(s -> s instanceof EventSignal.Started);
        }
    }

    @Test
    void theFrameSizeIsStoredWithThePeak() {
        try (Database db = Database.open(dataDir); Engine engine = engine(db)) {
            Event e = engine.events().create(new NewEvent(null, "demo", "person", T0, 0.5f, STATUE, null));
            assertThat(engine.events().frameSize(e.id())).isEmpty();
            assertThat(engine.events().updatePeak(e.id(), 0.6f, STATUE, null, new FrameSize(W, H))).isTrue();
            assertThat(engine.events().frameSize(e.id())).contains(new FrameSize(W, H));
            assertThat(engine.events().updatePeak(e.id(), 0.7f, STATUE, "x.jpg")).isTrue();
            assertThat(engine.events().frameSize(e.id())).as("null keeps it").contains(new FrameSize(W, H));
            assertThat(engine.events().find(e.id()).orElseThrow().snapshotPath()).isEqualTo("x.jpg");
        }
    }

    @Test
    void onlyDismissedEventsWithAKnownFrameCanBeSuppressed() {
        try (Database db = Database.open(dataDir); Engine engine = engine(db)) {
            Camera yard = engine.store().add(Camera.create("Yard", "lavfi:testsrc2=size=640x480:rate=5", null, null), People.ADMIN);
            Event pending = engine.events().create(new NewEvent(yard.id(), yard.name(), "person", T0, 0.8f, STATUE,
                    null, new FrameSize(W, H)));
            assertThatThrownBy(() -> engine.suppress(pending.id(), People.as("alice")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("dismissed");
            Event old = dismissedEvent(engine, yard, "person", STATUE, null);
            assertThatThrownBy(() -> engine.suppress(old.id(), People.as("alice")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("frame size");
            assertThat(engine.suppressions(yard.id())).isEmpty();
        }
    }

    @Test
    void theRunningCameraTakesTheRegionWithoutRestarting() {
        try (Database db = Database.open(dataDir); Engine engine = engine(db)) {
            Camera yard = engine.store().add(Camera.create("Yard", "lavfi:testsrc2=size=640x480:rate=5", null, null), People.ADMIN);
            engine.start(false);
            LiveCamera live = engine.cameras().getFirst();
            Event dismissed = dismissedEvent(engine, yard, "person", STATUE, new FrameSize(W, H));

            engine.suppress(dismissed.id(), People.as("alice"));

            assertThat(engine.cameras()).singleElement().as("the stream was not restarted").isSameAs(live);
            assertThat(EventRuleConfig.parse(live.camera().eventRules()).suppressions("person")).hasSize(1);
        }
    }

    @Test
    void aDemoCamerasEventIsSuppressedOnThatDemoCameraAndStaysSoAfterARestart() {
        Region expected = new Region(0.5, 0.5, 0.1, 0.25);
        try (Database db = Database.open(dataDir)) {
            long demoId;
            try (Engine engine = engine(db)) {
                engine.start(true);
                Camera demo = engine.cameras().getFirst().camera();
                demoId = demo.id();
                assertThat(demoId).as("a demo camera, not a stored one").isNegative();
                // the demo's events name no stored camera, only the demo camera's name
                Event e = engine.events().create(new NewEvent(null, demo.name(), "person", T0, 0.8f, STATUE, null,
                        new FrameSize(W, H)));
                engine.reviews().dismiss(e.id(), People.as("alice"), "statue");

                assertThat(engine.suppress(e.id(), People.as("alice")))
                        .isEqualTo(new Suppression(demoId, "person", expected));
                assertThat(engine.suppressions(demoId).get("person")).containsExactly(expected);
                assertThat(EventRuleConfig.parse(engine.running(demoId).orElseThrow().camera().eventRules())
                        .suppressions("person")).as("applied to the running demo camera").containsExactly(expected);
            }
            try (Engine again = engine(db)) {
                again.start(true);
                assertThat(again.suppressions(demoId).get("person")).containsExactly(expected);
                assertThat(again.removeSuppression(demoId, "person", expected, People.as("alice"))).isTrue();
                assertThat(again.suppressions(demoId).getOrDefault("person", List.of())).isEmpty();
            }
        }
    }
}
