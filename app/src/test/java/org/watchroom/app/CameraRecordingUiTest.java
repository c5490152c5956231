package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.watchroom.core.auth.Role;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.record.RecordingPolicy;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;

/** The camera dialog's recording settings, typed as an installer would, saved into the real H2 file. */
@ExtendWith(ApplicationExtension.class)
@UiTest
class CameraRecordingUiTest {
    private Path dataDir;
    private Workstation workstation;

    @Start
    void start(Stage stage) throws Exception {
        dataDir = Files.createTempDirectory("watchroom-camera-recording-ui");
        workstation = Workstation.open(new LaunchOptions(dataDir, false, Optional.empty()));
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        if (workstation != null) {
            UiTests.closeOnFx(workstation);
        }
    }

    private Camera stored(String name) {
        return workstation.engine().store().list().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private String problem(FxRobot robot) {
        return fx(() -> robot.lookup("#camera-problem").queryAs(Label.class).getText());
    }

    private boolean saveDisabled(FxRobot robot) {
        return fx(() -> robot.lookup("#camera-save").queryAs(Button.class).isDisabled());
    }

    @Test
    void theDialogSavesARecordingModeKeepDaysAndKeepSizeAndRefusesASizeItCannotRead(FxRobot robot) throws Exception {
        UiTests.signIn(workstation, Role.ADMIN);
        robot.clickOn("#open-cameras");
        robot.clickOn("#cameras-add");
        robot.clickOn("#camera-name").write("Dock");
        robot.clickOn("#camera-url").write("rtsp://127.0.0.1:9/dock");
        assertThat(fx(() -> robot.lookup("#camera-record-mode").queryAs(ChoiceBox.class).getValue()))
                .as("a new camera records continuously").isEqualTo("continuous");

        robot.clickOn("#camera-record-mode");
        robot.clickOn("events");
        waitFor(Duration.ofSeconds(5), () -> "events".equals(fx(() ->
                robot.lookup("#camera-record-mode").queryAs(ChoiceBox.class).getValue())));
        robot.clickOn("#camera-keep-days").write("14");
        robot.clickOn("#camera-keep-size").write("20 parsecs");
        waitFor(Duration.ofSeconds(5), () -> problem(robot).contains("like 500G or 20M"));
        assertThat(saveDisabled(robot)).as("a size it cannot read is not saved").isTrue();
        TextField size = fx(() -> robot.lookup("#camera-keep-size").queryAs(TextField.class));
        fx(() -> {
            size.clear();
            return null;
        });
        robot.clickOn(size).write("20G");
        waitFor(Duration.ofSeconds(5), () -> problem(robot).isEmpty() && !saveDisabled(robot));
        robot.clickOn("#camera-save");

        waitFor(Duration.ofSeconds(10), () -> workstation.engine().store().list().stream()
                .anyMatch(c -> c.name().equals("Dock")));
        RecordingPolicy saved = RecordingPolicy.parse(stored("Dock").recording());
        assertThat(saved.mode()).isEqualTo(RecordingPolicy.Mode.EVENTS);
        assertThat(saved.keepDays()).isEqualTo(14);
        assertThat(saved.keepBytes()).isEqualTo(20L << 30);

        // editing shows what is stored; switching to motion keeps the rest
        waitFor(Duration.ofSeconds(10), () -> fx(() -> robot.lookup("#cameras-table").queryTableView().getItems().size() == 1));
        fx(() -> {
            robot.lookup("#cameras-table").queryTableView().getSelectionModel().select(0);
            return null;
        });
        robot.clickOn("#cameras-edit");
        waitFor(Duration.ofSeconds(5), () -> "14".equals(fx(() ->
                robot.lookup("#camera-keep-days").queryAs(TextField.class).getText())));
        assertThat(fx(() -> robot.lookup("#camera-keep-size").queryAs(TextField.class).getText())).isEqualTo("20G");
        robot.clickOn("#camera-record-mode");
        robot.clickOn("motion");
        robot.doubleClickOn("#camera-keep-days").type(KeyCode.BACK_SPACE).write("0");
        waitFor(Duration.ofSeconds(5), () -> problem(robot).contains("keep_days must be between 1 and 36500"));
        robot.doubleClickOn("#camera-keep-days").type(KeyCode.BACK_SPACE).write("30");
        waitFor(Duration.ofSeconds(5), () -> problem(robot).isEmpty());
        robot.clickOn("#camera-save");
        waitFor(Duration.ofSeconds(10), () -> RecordingPolicy.parse(stored("Dock").recording()).mode()
                == RecordingPolicy.Mode.MOTION);

        UiTests.closeOnFx(workstation);
        workstation = null;
        try (Database reopened = Database.open(dataDir)) {
            Camera dock = new CameraStore(reopened).list().getFirst();
            RecordingPolicy policy = RecordingPolicy.parse(dock.recording());
            assertThat(policy.mode()).isEqualTo(RecordingPolicy.Mode.MOTION);
            assertThat(policy.keepDays()).isEqualTo(30);
            assertThat(policy.keepSize()).isEqualTo("20G");
            assertThat(policy.segmentSeconds()).isEqualTo(RecordingPolicy.DEFAULT_SEGMENT_SECONDS);
        }
    }
}
