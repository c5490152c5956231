package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchroom.app.wall.TileView;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Role;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.SlowTest;

/** Keyboard-only triage in the real workstation window on Monocle, real engine and H2 file. */
@ExtendWith(ApplicationExtension.class)
@UiTest
@SlowTest
class AlertsUiTest {
    private Workstation workstation;
    private final List<Long> ids = new ArrayList<>(); // oldest first

    @Start
    void start(Stage stage) throws Exception {
        Path dataDir = Files.createTempDirectory("watchroom-alerts-ui");
        workstation = Workstation.open(new LaunchOptions(dataDir, true, Optional.empty()));
        ids.addAll(UiTests.endedEvents(workstation.engine().events(), 5));
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        UiTests.closeOnFx(workstation);
    }

    private EventStatus status(int i) {
        return workstation.engine().events().find(ids.get(i)).orElseThrow().status();
    }

    private List<String> actions(int i) {
        return new AuditLog(workstation.engine().database().jdbi()).about(Event.subject(ids.get(i))).stream()
                .map(AuditEntry::action).toList();
    }

    private long selectedId() {
        return fx(() -> workstation.window().alerts().listView().getSelectionModel().getSelectedItem().id());
    }

    @Test
    void keyboardOnlyTriageUpdatesTheDatabaseAndTheAuditLogAndUndoRestores(FxRobot robot) throws Exception {
        UiTests.signIn(workstation, Role.OPERATOR);
        waitFor(Duration.ofSeconds(15), () -> fx(() -> workstation.window().alerts().listView().getItems().size() == 5));
        assertThat(fx(() -> robot.lookup("#alerts-badge").queryLabeled().getText())).isEqualTo("5 pending");
        WaitForAsyncUtils.asyncFx(() -> workstation.window().alerts().focusList()).get(5, TimeUnit.SECONDS);
        waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().alerts().listView().isFocused()));
        assertThat(selectedId()).as("newest first, selected").isEqualTo(ids.get(4));

        robot.type(KeyCode.C);   // confirms #4, selects #3
        robot.type(KeyCode.D);   // dismisses #3, selects #2
        robot.type(KeyCode.J);   // skips to #1
        robot.type(KeyCode.C);   // confirms #1, selects #0
        waitFor(Duration.ofSeconds(10), () -> status(1) == EventStatus.CONFIRMED);
        assertThat(status(4)).isEqualTo(EventStatus.CONFIRMED);
        assertThat(status(3)).isEqualTo(EventStatus.DISMISSED);
        assertThat(status(2)).isEqualTo(EventStatus.PENDING);
        assertThat(status(0)).isEqualTo(EventStatus.PENDING);
        assertThat(workstation.engine().events().find(ids.get(4)).orElseThrow().reviewedBy()).isEqualTo(People.OPERATOR.userName());
        assertThat(actions(4)).containsExactly("event.confirm");
        assertThat(actions(3)).containsExactly("event.dismiss");
        assertThat(actions(1)).containsExactly("event.confirm");
        assertThat(actions(2)).isEmpty();
        waitFor(Duration.ofSeconds(10), () -> fx(() -> workstation.window().alerts().listView().getItems().size() == 2
                && robot.lookup("#alerts-badge").queryLabeled().getText().equals("2 pending")));
        assertThat(selectedId()).isEqualTo(ids.get(0));

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitFor(Duration.ofSeconds(10), () -> status(1) == EventStatus.PENDING);
        assertThat(actions(1)).containsExactly("event.confirm", "event.undo");
        assertThat(status(4)).as("only the last action is undone").isEqualTo(EventStatus.CONFIRMED);
        assertThat(workstation.engine().events().find(ids.get(1)).orElseThrow().hold()).isFalse();
        waitFor(Duration.ofSeconds(10), () -> fx(() -> workstation.window().alerts().listView().getItems().size() == 3
                && robot.lookup("#alerts-badge").queryLabeled().getText().equals("3 pending")));
        assertThat(new AuditLog(workstation.engine().database().jdbi()).verify().ok()).isTrue();

        // N: a note for the next review, typed without the mouse
        waitFor(Duration.ofSeconds(5), () -> selectedId() == ids.get(1));
        robot.type(KeyCode.N).write("ladder by the fence").type(KeyCode.ENTER).type(KeyCode.D);
        waitFor(Duration.ofSeconds(10), () -> status(1) == EventStatus.DISMISSED);
        assertThat(workstation.engine().events().find(ids.get(1)).orElseThrow().note()).isEqualTo("ladder by the fence");
    }

    @Test
    void aNewAlertFlashesItsTileAndAppearsHighlightedInTheList() throws Exception {
        UiTests.signIn(workstation, Role.OPERATOR);
        waitFor(Duration.ofSeconds(20), () -> fx(() -> !workstation.window().wall().visibleTiles().isEmpty()
                && workstation.window().alerts().listView().getItems().size() == 5));
        TileView tile = fx(() -> workstation.window().wall().visibleTiles().getFirst());
        assertThat(workstation.engine().simulateEvent(fx(() -> tile.model().cameraId()), "person")).as("the demo camera runs the event path").isTrue();
        waitFor(Duration.ofSeconds(15), () -> fx(() -> workstation.window().alerts().listView().getItems().size() == 6));
        assertThat(fx(() -> tile.model().flashesProperty().get())).isEqualTo(1);
        long newest = fx(() -> workstation.window().alerts().listView().getItems().getFirst().id());
        assertThat(fx(() -> workstation.window().alertsModel().fresh().contains(newest))).isTrue();
        waitFor(Duration.ofSeconds(5), () -> fx(() -> !workstation.window().alertsModel().fresh().contains(newest)));
    }

    @Test
    void newAlertsAboveWhatIsInViewAreMarkedAndOneClickShowsThem(FxRobot robot) throws Exception {
        Instant t0 = Instant.now().minusSeconds(600);
        for (int i = 0; i < 30; i++) {
            long id = workstation.engine().events().create(new NewEvent(null, "Yard", "person", t0.plusSeconds(i),
                    0.7f, null, null)).id();
            workstation.engine().events().end(id, t0.plusSeconds(i + 5));
        }
        UiTests.signIn(workstation, Role.OPERATOR);
        // the list reloads on the engine's news (it does not watch the table)
        workstation.engine().bus().publish(new WatchroomEvent.EventReviewed(ids.getFirst(), EventStatus.PENDING,
                "test"));
        ListView<Event> list = fx(() -> workstation.window().alerts().listView());
        waitFor(Duration.ofSeconds(15), () -> fx(() -> list.getItems().size() == 35));
        fx(() -> {
            list.scrollTo(34); // the guard went down the list to the oldest
            return null;
        });
        waitFor(Duration.ofSeconds(10), () -> fx(() -> list.lookup(".virtual-flow") instanceof VirtualFlow<?> vf
                && vf.getFirstVisibleCell() != null && vf.getFirstVisibleCell().getIndex() > 0));
        assertThat(fx(() -> robot.lookup("#alerts-new-marker").queryButton().isVisible())).isFalse();

        for (int i = 0; i < 2; i++) { // two new alerts, as the engine announces them
            Instant at = Instant.now();
            long id = workstation.engine().events().create(new NewEvent(null, "Gate", "person", at, 0.9f, null,
                    null)).id();
            workstation.engine().bus().publish(new WatchroomEvent.EventStarted(id, -1, "Gate", "person", 0.9f, at,
                    false));
        }
        waitFor(Duration.ofSeconds(10), () -> "2 new ↑".equals(fx(() -> robot.lookup("#alerts-new-marker")
                .queryButton().getText())) && fx(() -> robot.lookup("#alerts-new-marker").queryButton().isVisible()));

        robot.clickOn("#alerts-new-marker");
        waitFor(Duration.ofSeconds(5), () -> !fx(() -> robot.lookup("#alerts-new-marker").queryButton().isVisible()));
        assertThat(fx(() -> workstation.window().alerts().unseenAlerts())).isZero();
        assertThat(fx(() -> list.getItems().getFirst().cameraName())).isEqualTo("Gate");
    }
}
