package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Role;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.SlowTest;

/**
 * Closing the main window while it records, on Monocle with a real engine and H2 file: the recorder runs inside the
 * window, so closing stops recording. Before, it did with no question; now it asks, only an admin may, and it is
 * audited.
 */
@ExtendWith(ApplicationExtension.class)
@UiTest
@SlowTest
class ClosingUiTest {
    private Workstation workstation;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        Path dataDir = Files.createTempDirectory("watchroom-closing-ui");
        // a real camera (nobody answers at that port): it runs, reconnecting, so closing would stop its recording
        Cli.Result added = Cli.inDataDir(dataDir, "cameras", "add", "--name", "Gate", "--url", "rtsp://127.0.0.1:9/gate");
        assertThat(added.exit()).as(added.err()).isZero();
        this.stage = stage;
        workstation = Workstation.open(new LaunchOptions(dataDir, false, Optional.empty()));
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        UiTests.closeOnFx(workstation);
    }

    private void requestClose() {
        fx(() -> {
            stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
            return null;
        });
    }

    private Optional<DialogPane> dialog(String id) {
        return fx(() -> Window.getWindows().stream().filter(Window::isShowing).map(w -> w.getScene().getRoot())
                .filter(root -> root instanceof DialogPane && id.equals(root.getId())).map(DialogPane.class::cast)
                .findFirst());
    }

    private List<AuditEntry> stops() {
        return new AuditLog(workstation.engine().database().jdbi()).about("engine");
    }

    @Test
    void beforeTheFirstAdministratorTheCameraWaitsAndClosingStopsNoRecording() throws Exception {
        waitFor(Duration.ofSeconds(20), () -> !workstation.engine().cameras().isEmpty());
        assertThat(workstation.engine().waitingForAdministrator()).isTrue();
        assertThat(workstation.engine().cameras()).as("only the demo runs").allMatch(c -> c.camera().id() < 0);

        requestClose();
        waitFor(Duration.ofSeconds(10), () -> !fx(stage::isShowing));
        assertThat(dialog("closing-confirm")).as("nothing records: nothing to confirm").isEmpty();
        assertThat(stops()).isEmpty();
    }

    @Test
    void aGuardCannotCloseItAndAnAdminCanWithTheirNameInTheAudit(FxRobot robot) throws Exception {
        UiTests.signIn(workstation, Role.OPERATOR); // makes the first administrator too: the configured camera starts
        waitFor(Duration.ofSeconds(20), () -> workstation.engine().cameras().size() == 1
                && workstation.engine().cameras().getFirst().camera().name().equals("Gate"));

        requestClose();
        waitFor(Duration.ofSeconds(10), () -> dialog("closing-refused").isPresent());
        assertThat(dialog("closing-refused").orElseThrow().getContentText()).contains("Only an administrator");
        robot.clickOn("OK");
        waitFor(Duration.ofSeconds(5), () -> dialog("closing-refused").isEmpty());
        assertThat(fx(stage::isShowing)).isTrue();
        assertThat(stops()).isEmpty();

        UiTests.signIn(workstation, Role.ADMIN);
        waitFor(Duration.ofSeconds(10), () -> workstation.window().session().session().current()
                .map(Operator::userName).equals(Optional.of(People.ADMIN.userName()))); // the hand-over is done
        requestClose();
        waitFor(Duration.ofSeconds(10), () -> dialog("closing-confirm").isPresent());
        assertThat(dialog("closing-confirm").orElseThrow().getContentText()).contains("stops recording on 1 camera");
        robot.clickOn("Keep recording");
        waitFor(Duration.ofSeconds(5), () -> dialog("closing-confirm").isEmpty());
        assertThat(fx(stage::isShowing)).as("kept open, still recording").isTrue();
        assertThat(workstation.engine().cameras()).hasSize(1);
        assertThat(stops()).isEmpty();

        requestClose();
        waitFor(Duration.ofSeconds(10), () -> dialog("closing-confirm").isPresent());
        robot.clickOn("Stop recording and close");
        waitFor(Duration.ofSeconds(10), () -> !fx(stage::isShowing));
        assertThat(stops()).singleElement().satisfies(row -> {
            assertThat(row.action()).isEqualTo("engine.stop");
            assertThat(row.actor()).isEqualTo(People.ADMIN.userName());
            assertThat(row.detail()).contains("1 cameras stopped recording");
        });
    }
}
