package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchroom.app.session.SessionViewModel.State;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Role;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.testing.SlowTest;

/** First-run admin, sign-in, lock and hand-over in the real window on Monocle, real H2 file. */
@ExtendWith(ApplicationExtension.class)
@UiTest
@SlowTest
class SessionUiTest {
    private Workstation workstation;
    private long eventId;

    @Start
    void start(Stage stage) throws Exception {
        Path dataDir = Files.createTempDirectory("watchroom-session-ui");
        workstation = Workstation.open(new LaunchOptions(dataDir, true, Optional.empty()));
        eventId = workstation.engine().events().create(new NewEvent(null, "Gate", "person", Instant.now().minusSeconds(30),
                0.8f, null, null)).id();
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        UiTests.closeOnFx(workstation);
    }

    private State state() {
        return fx(() -> workstation.window().session().stateProperty().get());
    }

    private boolean shown(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false));
    }

    /** Visible, and so is everything it lies in. */
    private boolean visibleWithParents(FxRobot robot, String id) {
        return fx(() -> {
            for (Node n = robot.lookup(id).query(); n != null; n = n.getParent()) {
                if (!n.isVisible()) {
                    return false;
                }
            }
            return true;
        });
    }

    private void type(FxRobot robot, String field, String text) {
        robot.clickOn(field).write(text);
    }

    @Test
    void firstRunCreatesTheAdminThenLockBlocksReviewsAndAnOperatorTakesOverWithoutExportOrCameras(FxRobot robot)
            throws Exception {
        waitFor(Duration.ofSeconds(10), () -> state() == State.NEEDS_ADMIN);
        assertThat(fx(() -> robot.lookup(".session-title").queryLabeled().getText())).contains("administrator");
        type(robot, "#session-user", "chief");
        type(robot, "#session-display-name", "Chief Admin");
        type(robot, "#session-password", "chief password");
        type(robot, "#session-password-again", "chief password");
        robot.type(KeyCode.ENTER);
        waitFor(Duration.ofSeconds(15), () -> state() == State.SIGNED_IN);
        assertThat(shown(robot, "#open-cameras")).as("an admin may change cameras").isTrue();
        assertThat(shown(robot, "#alerts-export")).isTrue();
        assertThat(shown(robot, "#session-overlay")).isFalse();
        UserStore users = new UserStore(workstation.engine().database());
        users.add("olga", "Olga", Role.OPERATOR, "olgas password".toCharArray(), users.find("chief").orElseThrow().operator());

        // Ctrl+L: the wall stays, the overlay blocks the alerts, and the core refuses a review anyway; what the admin
        // had open (camera settings here) closes
        robot.clickOn("#open-cameras");
        waitFor(Duration.ofSeconds(5), () -> fx(() -> Window.getWindows().size() > 1));
        fx(() -> { // back to the main window, where Ctrl+L works
            workstation.window().stage().requestFocus();
            return null;
        });
        waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().stage().isFocused()));
        robot.press(KeyCode.CONTROL).type(KeyCode.L).release(KeyCode.CONTROL);
        waitFor(Duration.ofSeconds(5), () -> state() == State.LOCKED);
        waitFor(Duration.ofSeconds(5), () -> fx(() -> Window.getWindows().stream()
                .noneMatch(w -> w != workstation.window().stage() && w.isShowing())));
        assertThat(shown(robot, "#session-overlay")).isTrue();
        assertThat(fx(() -> workstation.window().wall().visibleTiles().isEmpty())).as("the wall keeps running").isFalse();
        assertThat(visibleWithParents(robot, "#alerts-list"))
                .as("the alerts, their notes and the review are hidden under the lock").isFalse();
        assertThat(fx(() -> robot.lookup("#session-overlay").query().getScene().getFocusOwner().getId()))
                .as("keys go to the lock screen, not to the alerts under it").isIn("session-user", "session-password");
        robot.clickOn("#timeline-toggle");
        assertThat(fx(() -> robot.lookup("#timeline-toggle").queryAs(ToggleButton.class).isSelected()))
                .as("a click on the locked window reaches nothing under the lock screen").isFalse();
        WaitForAsyncUtils.asyncFx(() -> {
            workstation.window().alerts().listView().getSelectionModel().selectFirst();
            workstation.window().alertsModel().confirm(null);
        }).get(5, TimeUnit.SECONDS);
        assertThat(fx(() -> workstation.window().alertsModel().errorProperty().get())).contains("locked");
        assertThat(workstation.engine().events().find(eventId).orElseThrow().status()).isEqualTo(EventStatus.PENDING);

        // a wrong password keeps it locked, with a clear message
        robot.clickOn("#session-user").press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write("olga");
        type(robot, "#session-password", "not it at all");
        robot.type(KeyCode.ENTER);
        waitFor(Duration.ofSeconds(10), () -> fx(() -> robot.lookup("#session-message").queryLabeled().getText())
                .equals("Wrong user name or password."));
        assertThat(state()).isEqualTo(State.LOCKED);

        // shift hand-over: the operator signs in over the lock screen; cameras and export go away
        type(robot, "#session-password", "olgas password");
        robot.type(KeyCode.ENTER);
        waitFor(Duration.ofSeconds(15), () -> state() == State.SIGNED_IN);
        assertThat(fx(() -> workstation.window().session().operatorProperty().get().userName())).isEqualTo("olga");
        assertThat(shown(robot, "#open-cameras")).as("an operator does not see camera settings").isFalse();
        assertThat(shown(robot, "#alerts-export")).as("an operator does not see the export action").isFalse();
        assertThat(fx(() -> robot.lookup("#user-menu").queryAs(MenuButton.class).getText()))
                .isEqualTo("Olga (operator)");
        assertThat(visibleWithParents(robot, "#alerts-list")).as("the alerts are back for the one signed in").isTrue();
        waitFor(Duration.ofSeconds(5), () -> "alerts-list".equals(fx(() -> robot.lookup("#alerts-list").query()
                .getScene().getFocusOwner().getId())));

        WaitForAsyncUtils.asyncFx(() -> workstation.window().alerts().focusList()).get(5, TimeUnit.SECONDS);
        robot.type(KeyCode.C);
        waitFor(Duration.ofSeconds(10), () -> workstation.engine().events().find(eventId).orElseThrow().status()
                == EventStatus.CONFIRMED);
        assertThat(workstation.engine().events().find(eventId).orElseThrow().reviewedBy()).isEqualTo("olga");
        assertThat(new AuditLog(workstation.engine().database().jdbi()).recent(30))
                .extracting(e -> e.actor() + " " + e.action())
                .contains("chief user.add", "chief user.signin", "chief user.lock", "olga user.signin.failed",
                        "chief user.signout", "olga user.signin", "olga event.confirm");
    }
}
