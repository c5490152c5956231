package org.watchroom.app.cameras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.app.wall.DirectTaskExecutor;
import org.watchroom.core.account.Session;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.ConnectionTester;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.DetectConfig;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.LiveTile;
import org.watchroom.core.engine.Suppression;
import org.watchroom.core.event.EventRuleConfig;
import org.watchroom.core.event.Region;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.People;

/** The cameras dialog's ViewModels against a real H2 file and real sources, without a Stage. */
class CamerasViewModelTest {
    @TempDir
    Path dataDir;

    @Test
    void formValidatesAsThePersonTypes() {
        CameraFormViewModel form = new CameraFormViewModel(null);
        assertThat(form.problemBinding().get()).contains("name");
        form.nameProperty().set("Gate");
        assertThat(form.problemBinding().get()).contains("stream URL");
        form.urlProperty().set("htp://gate/stream");
        assertThat(form.problemBinding().get()).contains("Unsupported URL scheme 'htp'");
        assertThat(form.validBinding().get()).isFalse();
        form.urlProperty().set("lavfi:testsrc=size=32x32:rate=2,metadata=mode=print:file=/tmp/x");
        assertThat(form.problemBinding().get()).contains("lavfi filter 'metadata' is not allowed");
        form.urlProperty().set("rtsp:/op:gate-pw@10.0.0.9/stream");
        assertThat(form.problemBinding().get()).contains("mistyped scheme").doesNotContain("gate-pw");
        form.urlProperty().set("rtsp://op:" + "gate-pw".repeat(100) + "@10.0.0.9/stream");
        assertThat(form.problemBinding().get()).contains("password").contains("500").doesNotContain("gate-pw");
        assertThat(form.validBinding().get()).isFalse();
        form.urlProperty().set("rtsp://op:gate-pw@10.0.0.9/stream");
        assertThat(form.validBinding().get()).isTrue();
        form.rtspTransportProperty().set("udp");
        Camera camera = form.toCamera();
        assertThat(camera.url()).isEqualTo("rtsp://10.0.0.9/stream");
        assertThat(camera.password()).isEqualTo("gate-pw");
        assertThat(camera.rtspTransport()).isEqualTo("udp");
    }

    @Test
    void userAndPasswordHaveTheirOwnFieldsAndAStoredPasswordIsKeptUnlessRetyped() {
        try (Database db = Database.open(dataDir)) {
            CameraFormViewModel form = new CameraFormViewModel(null);
            form.nameProperty().set("Gate");
            form.urlProperty().set("rtsp://10.0.0.9/stream");
            form.usernameProperty().set("op");
            form.passwordProperty().set("gate-pw");
            assertThat(form.validBinding().get()).isTrue();
            assertThat(form.urlToTest().password()).isEqualTo("gate-pw");
            Camera saved = new CameraStore(db).add(form.toCamera(), People.ADMIN);
            assertThat(saved.url()).isEqualTo("rtsp://10.0.0.9/stream");
            assertThat(saved.username()).isEqualTo("op");
            assertThat(saved.password()).isEqualTo("gate-pw");

            CameraFormViewModel edit = new CameraFormViewModel(saved);
            assertThat(edit.usernameProperty().get()).isEqualTo("op");
            assertThat(edit.passwordProperty().get()).as("a stored password is never shown").isEmpty();
            edit.locationProperty().set("North fence");
            assertThat(edit.toCamera().password()).as("left empty: kept").isEqualTo("gate-pw");
            assertThat(edit.urlToTest().password()).isEqualTo("gate-pw");
            edit.passwordProperty().set("new-pw");
            assertThat(edit.toCamera().password()).isEqualTo("new-pw");
            edit.passwordProperty().set("");
            edit.usernameProperty().set("");
            assertThat(edit.toCamera().username()).as("no user: no credentials").isNull();
            assertThat(edit.toCamera().password()).isNull();
            edit.urlProperty().set("rtsp://admin:url-pw@10.0.0.9/stream");
            assertThat(edit.toCamera().password()).as("credentials in the URL win").isEqualTo("url-pw");
            assertThat(edit.toCamera().url()).isEqualTo("rtsp://10.0.0.9/stream");
        }
    }

    @Test
    void saveEditDisableRemoveReachTheStoreAndTheEngine() {
        try (Database db = Database.open(dataDir);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty())) {
            engine.start(false);
            assertThat(engine.demo()).as("no cameras yet: demo wall").isTrue();
            CamerasViewModel cameras = new CamerasViewModel(engine.store(), engine, Session.fixed(engine.database(), People.ADMIN), new DirectTaskExecutor());
            CameraFormViewModel form = new CameraFormViewModel(null);
            form.nameProperty().set("Pattern");
            form.urlProperty().set("lavfi:testsrc2=size=320x240:rate=10");
            form.locationProperty().set("Lab");
            cameras.save(form);
            assertThat(cameras.cameras()).extracting(Camera::name).containsExactly("Pattern");
            assertThat(engine.demo()).as("the first real camera replaces the demo").isFalse();
            assertThat(engine.cameras()).extracting(c -> c.camera().name()).containsExactly("Pattern");

            CameraFormViewModel edit = new CameraFormViewModel(cameras.cameras().getFirst());
            edit.nameProperty().set("Pattern 2");
            cameras.save(edit);
            assertThat(engine.store().list()).extracting(Camera::name).containsExactly("Pattern 2");
            assertThat(engine.cameras()).extracting(c -> c.camera().name()).containsExactly("Pattern 2");

            cameras.setEnabled(cameras.cameras().getFirst(), false);
            assertThat(engine.cameras()).isEmpty();
            assertThat(cameras.messageProperty().get()).isEqualTo("Pattern 2 disabled.");

            CameraFormViewModel duplicate = new CameraFormViewModel(null);
            duplicate.nameProperty().set("Pattern 2");
            duplicate.urlProperty().set("lavfi:testsrc2");
            cameras.save(duplicate);
            assertThat(cameras.messageProperty().get()).contains("already exists");
            assertThat(engine.store().list()).hasSize(1);

            cameras.remove(cameras.cameras().getFirst());
            assertThat(engine.store().list()).isEmpty();
        }
    }

    @Test
    void testConnectionShowsAThumbnailOrTheReason() {
        try (Database db = Database.open(dataDir);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty())) {
            CamerasViewModel cameras = new CamerasViewModel(engine.store(), engine, Session.fixed(engine.database(), People.ADMIN), new DirectTaskExecutor());
            CameraFormViewModel good = new CameraFormViewModel(null);
            good.nameProperty().set("Pattern");
            good.urlProperty().set("lavfi:testsrc2=size=640x360:rate=10");
            AtomicReference<ConnectionTester.Result> result = new AtomicReference<>();
            cameras.testConnection(good, result::set);
            assertThat(result.get().ok()).as(result.get().message()).isTrue();
            assertThat(result.get().message()).matches("Connected: 640×360 wrapped_avframe, (9|10|11) fps");
            assertThat(result.get().fps()).as("counted over a second of the stream").isBetween(8.0, 12.0);
            assertThat(result.get().width()).isEqualTo(320);
            assertThat(result.get().bgra()).hasSize(320 * 180 * 4);

            CameraFormViewModel refused = new CameraFormViewModel(null);
            refused.nameProperty().set("Nobody");
            refused.urlProperty().set("rtsp://op:hidden-pw@127.0.0.1:9/stream");
            cameras.testConnection(refused, result::set);
            assertThat(result.get().ok()).isFalse();
            assertThat(result.get().message()).contains("connection refused").doesNotContain("hidden-pw");
        }
    }

    @Test
    void theEditFormListsSuppressionRegionsAndRemovesThem() {
        try (Database db = Database.open(dataDir);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty())) {
            Region statue = new Region(0.5, 0.5, 0.1, 0.25);
            Region bench = new Region(0, 0.8, 0.2, 0.2);
            Camera yard = engine.store().add(Camera.create("Yard", "lavfi:testsrc2=size=320x240:rate=5", null, null)
                    .withEventRules(EventRuleConfig.defaults()
                            .withSuppression("person", statue).withSuppression("person", bench)
                            .withSuppression("car", statue).toJson()), People.ADMIN);
            CamerasViewModel cameras = new CamerasViewModel(engine.store(), engine, Session.fixed(engine.database(), People.ADMIN), new DirectTaskExecutor());
            CameraFormViewModel form = new CameraFormViewModel(cameras.cameras().getFirst());
            cameras.loadSuppressions(form);
            assertThat(form.suppressions()).extracting(Suppression::describe).containsExactly(
                    "car at x 50.0% y 50.0%, 10.0% x 25.0%",
                    "person at x 50.0% y 50.0%, 10.0% x 25.0%",
                    "person at x 0.0% y 80.0%, 20.0% x 20.0%");

            cameras.removeSuppression(form, form.suppressions().get(1));
            assertThat(form.suppressions()).extracting(Suppression::describe)
                    .containsExactly("car at x 50.0% y 50.0%, 10.0% x 25.0%", "person at x 0.0% y 80.0%, 20.0% x 20.0%");
            EventRuleConfig stored = EventRuleConfig.parse(
                    engine.store().find(yard.id()).orElseThrow().eventRules());
            assertThat(stored.suppressions("person")).containsExactly(bench);
            assertThat(stored.suppressions("car")).containsExactly(statue);
            assertThat(new AuditLog(db.jdbi()).about("camera:" + yard.id()))
                    .extracting(AuditEntry::action).contains("camera.update", "event.unsuppress");

            // saving the (stale) form afterwards keeps the stored rules: the removed region stays removed
            form.notesProperty().set("by the shed");
            cameras.save(form);
            Camera saved = engine.store().find(yard.id()).orElseThrow();
            assertThat(saved.notes()).isEqualTo("by the shed");
            assertThat(EventRuleConfig.parse(saved.eventRules()).suppressions("person"))
                    .containsExactly(bench);
        }
    }

    @Test
    void detectionSettingsAndAlertThresholdsAreFormFieldsSavedIntoTheirJson() {
        try (Database db = Database.open(dataDir);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty())) {
            CamerasViewModel cameras = new CamerasViewModel(engine.store(), engine,
                    Session.fixed(engine.database(), People.ADMIN), new DirectTaskExecutor());
            CameraFormViewModel form = new CameraFormViewModel(null);
            form.nameProperty().set("Yard");
            form.urlProperty().set("rtsp://10.0.0.9/yard");
            form.detectFpsProperty().set("fast");
            assertThat(form.problemBinding().get()).contains("passes per second is a number");
            form.detectFpsProperty().set("2");
            form.facesProperty().set("in_persons");
            form.labelsProperty().set("person, car");
            form.minScoresProperty().set("person=0.6, car");
            assertThat(form.problemBinding().get()).contains("label=value");
            form.minScoresProperty().set("person=1.5");
            assertThat(form.problemBinding().get()).contains("minimum score of person is a number from 0 to 1");
            form.minScoresProperty().set("person=0.6, car=0.8");
            form.minAreasProperty().set("car=1.5");
            assertThat(form.validBinding().get()).isTrue();
            cameras.save(form);

            Camera saved = engine.store().list().getFirst();
            DetectConfig detect = DetectConfig.parse(saved.detectSettings());
            assertThat(detect.fps()).isEqualTo(2);
            assertThat(detect.faces()).isEqualTo(DetectConfig.FaceMode.IN_PERSONS);
            assertThat(detect.labels()).containsExactly("person", "car");
            EventRuleConfig rules = EventRuleConfig.parse(saved.eventRules());
            assertThat(rules.rule("person").minScore()).isEqualTo(0.6);
            assertThat(rules.rule("car").minScore()).isEqualTo(0.8);
            assertThat(rules.rule("car").minBoxArea()).isCloseTo(0.015, within(1e-9));
            assertThat(rules.rule("dog").minScore()).as("others keep the camera's").isEqualTo(0.65);

            // the form reads them back; clearing a threshold removes it and keeps the other
            CameraFormViewModel edit = new CameraFormViewModel(saved);
            assertThat(edit.minScoresProperty().get()).isEqualTo("car=0.8, person=0.6");
            assertThat(edit.minAreasProperty().get()).isEqualTo("car=1.5");
            edit.minScoresProperty().set("car=0.8");
            cameras.save(edit);
            EventRuleConfig after = EventRuleConfig.parse(engine.store().list().getFirst().eventRules());
            assertThat(after.rule("person").minScore()).isEqualTo(0.65);
            assertThat(after.rule("car").minScore()).isEqualTo(0.8);
            assertThat(after.rule("car").minBoxArea()).isCloseTo(0.015, within(1e-9));
        }
    }

    @Test
    void theStatusColumnSaysWhetherACameraIsLiveOrWhyNot() {
        try (Database db = Database.open(dataDir)) {
            CameraStore store = new CameraStore(db);
            Camera gate = store.add(Camera.create("Gate", "rtsp://127.0.0.1:9/gate", null, null), People.ADMIN);
            Camera yard = store.add(Camera.create("Yard", "rtsp://127.0.0.1:9/yard", null, null), People.ADMIN);
            List<LiveTile> running = List.of(new LiveTile(gate.id(), "Gate", 1,
                            new CameraState.Reconnecting(2, Instant.now(), "connection refused"), 0, "g", ""),
                    new LiveTile(yard.id(), "Yard", 1, new CameraState.Live(), 10, "y", ""));
            assertThat(CamerasViewModel.status(gate, running)).isEqualTo("reconnecting: connection refused");
            assertThat(CamerasViewModel.status(yard, running)).isEqualTo("live");
            assertThat(CamerasViewModel.status(yard.withEnabled(false), running)).isEqualTo("disabled");
            assertThat(CamerasViewModel.status(gate, List.of(new LiveTile(gate.id(), "Gate", 1,
                    new CameraState.Failed("401 unauthorized: the camera rejected the user name or password"), 0, "g",
                    "")))).isEqualTo("offline: 401 unauthorized: the camera rejected the user name or password");
            assertThat(CamerasViewModel.status(gate, List.of())).as("enabled, but the engine runs the demo")
                    .isEqualTo("not running");
        }
    }
}
