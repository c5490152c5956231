package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Role;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.testing.OnnxTest;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.SlowTest;

/**
 * The guard's triage on real alerts: three cameras play vtest.avi, on-device detection makes events (people, and
 * whatever else YOLOX sees there), and
 * the queue is worked with the keyboard only (C, J, D, Ctrl+Z) in the real window; the database and the audit log
 * follow.
 */
@ExtendWith(ApplicationExtension.class)
@UiTest
@OnnxTest
@SlowTest
class VtestTriageUiTest {
    private Workstation workstation;

    @Start
    void start(Stage stage) throws Exception {
        Path dataDir = Files.createTempDirectory("watchroom-vtest-triage");
        Path footage = Path.of(System.getProperty("watchroom.media"), "vtest.avi");
        try (Database db = Database.open(dataDir)) {
            People.enrolAdmin(db); // the configured cameras wait for the first administrator
            for (String door : List.of("Door A", "Door B", "Door C")) {
                new CameraStore(db).add(Camera.create(door, footage + "?loop=1", null, null), People.ADMIN);
            }
        }
        workstation = Workstation.open(new LaunchOptions(dataDir, false, Optional.empty(), true));
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        UiTests.closeOnFx(workstation);
    }

    private EventStatus status(long id) {
        return workstation.engine().events().find(id).orElseThrow().status();
    }

    private List<String> actions(long id) {
        return new AuditLog(workstation.engine().database().jdbi()).about(Event.subject(id)).stream()
                .map(e -> e.actor() + " " + e.action()).toList();
    }

    private long selected() {
        return fx(() -> workstation.window().alerts().listView().getSelectionModel().getSelectedItem().id());
    }

    @Test
    void aGuardWorksThroughRealAlertsWithTheKeyboardOnly(FxRobot robot) throws Exception {
        UiTests.signIn(workstation, Role.OPERATOR);
        waitFor(Duration.ofSeconds(60), () -> fx(() -> workstation.window().alerts().listView().getItems().size() >= 3));
        List<Event> queue = fx(() -> List.copyOf(workstation.window().alerts().listView().getItems().subList(0, 3)));
        assertThat(queue).extracting(Event::cameraName).allMatch(name -> name.startsWith("Door "));
        assertThat(queue).allMatch(e -> e.peakScore() > 0 && e.snapshotPath() != null, "detected, with a snapshot");

        WaitForAsyncUtils.asyncFx(() -> {
            workstation.window().alerts().listView().getSelectionModel().select(0);
            workstation.window().alerts().focusList();
        }).get(5, TimeUnit.SECONDS);
        waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().alerts().listView().isFocused()));
        long first = selected();
        robot.type(KeyCode.C); // confirms the first, selects the next
        waitFor(Duration.ofSeconds(10), () -> status(first) == EventStatus.CONFIRMED);
        waitFor(Duration.ofSeconds(5), () -> selected() != first);
        long skipped = selected();
        robot.type(KeyCode.J); // leaves it for later
        waitFor(Duration.ofSeconds(5), () -> selected() != skipped);
        long dismissed = selected();
        robot.type(KeyCode.D);
        waitFor(Duration.ofSeconds(10), () -> status(dismissed) == EventStatus.DISMISSED);

        assertThat(status(skipped)).isEqualTo(EventStatus.PENDING);
        assertThat(workstation.engine().events().find(first).orElseThrow().reviewedBy()).isEqualTo("olga");
        assertThat(workstation.engine().events().find(first).orElseThrow().hold()).as("confirmed = evidence").isTrue();
        assertThat(actions(first)).containsExactly("olga event.confirm");
        assertThat(actions(dismissed)).containsExactly("olga event.dismiss");
        assertThat(actions(skipped)).isEmpty();

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitFor(Duration.ofSeconds(10), () -> status(dismissed) == EventStatus.PENDING);
        assertThat(actions(dismissed)).containsExactly("olga event.dismiss", "olga event.undo");
        assertThat(status(first)).as("only the last action is undone").isEqualTo(EventStatus.CONFIRMED);
        assertThat(new AuditLog(workstation.engine().database().jdbi()).verify().ok()).isTrue();
        assertThat(new AuditLog(workstation.engine().database().jdbi()).recent(50)).extracting(AuditEntry::actor)
                .contains("olga");
    }
}
