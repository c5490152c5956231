package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchroom.app.wall.WallLayout;
import org.watchroom.core.auth.Role;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.testing.SlowTest;

/**
 * The window remembers each person's workspace across a restart: place, size, theme, layout, tour, panes, and the
 * view they saved (its cameras in its order).
 */
@ExtendWith(ApplicationExtension.class)
@UiTest
@SlowTest
class WorkspaceUiTest {
    private Path dataDir;
    private Workstation workstation;

    @Start
    void start(Stage stage) throws Exception {
        dataDir = UiTests.dataDirWithCameras("watchroom-workspace-ui", "lavfi:smptebars=size=160x120:rate=2",
                List.of("Gate", "Yard", "Dock"));
        workstation = Workstation.open(new LaunchOptions(dataDir, false, Optional.empty()));
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        fx(() -> {
            toggle("#theme-toggle").setSelected(false);
            return null; // the theme is the application's: later tests see the dark one again
        });
        UiTests.closeOnFx(workstation);
    }

    private ToggleButton toggle(String id) {
        return (ToggleButton) workstation.window().stage().getScene().lookup(id);
    }

    @Test
    void aRestartBringsBackWhereAndHowThePersonLeftTheWindow(FxRobot robot) throws Exception {
        waitFor(Duration.ofSeconds(10), () -> fx(() -> workstation.window().stage().isMaximized()));
        UiTests.signIn(workstation, Role.OPERATOR);
        waitFor(Duration.ofSeconds(20), () -> fx(() -> workstation.window().wallModel().tiles().size() == 3));
        long dock = fx(() -> workstation.window().wallModel().tiles().get(2).cameraId());
        fx(() -> {
            workstation.window().wallModel().place(dock, 0); // as a drop from the camera list onto the first tile
            return null;
        });
        robot.clickOn("#view-menu");
        robot.clickOn("Save view as…");
        waitFor(Duration.ofSeconds(5), () -> robot.lookup("#view-name-dialog .text-field").tryQuery().isPresent());
        robot.clickOn("#view-name-dialog .text-field").write("Dock first").type(KeyCode.ENTER);
        waitFor(Duration.ofSeconds(5), () -> "Dock first".equals(fx(() -> workstation.window().wallModel()
                .viewProperty().get().name())));
        fx(() -> {
            toggle("#theme-toggle").setSelected(true); // while the toolbar has room for every button
            toggle("#timeline-toggle").setSelected(true);
            Stage stage = workstation.window().stage();
            stage.setMaximized(false);
            stage.setX(40);
            stage.setY(20);
            stage.setWidth(1200);
            stage.setHeight(760);
            workstation.window().wallModel().layoutProperty().set(WallLayout.LARGE_AND_5);
            workstation.window().wallModel().tourSecondsProperty().set(20);
            return null;
        });
        UiTests.closeOnFx(workstation);

        workstation = Workstation.open(new LaunchOptions(dataDir, false, Optional.empty()));
        WaitForAsyncUtils.asyncFx(() -> workstation.show(new Stage())).get(10, TimeUnit.SECONDS);
        waitFor(Duration.ofSeconds(10), () -> fx(() -> workstation.window().stage().getWidth() == 1200
                && workstation.window().stage().getHeight() == 760));
        assertThat(fx(() -> workstation.window().stage().isMaximized())).isFalse();
        assertThat(fx(() -> workstation.window().stage().getX())).isEqualTo(40);

        UiTests.signIn(workstation, Role.OPERATOR);
        waitFor(Duration.ofSeconds(10), () -> fx(() -> workstation.window().wallModel().layoutProperty().get()
                == WallLayout.LARGE_AND_5));
        assertThat(fx(() -> workstation.window().wallModel().viewProperty().get().name())).isEqualTo("Dock first");
        waitFor(Duration.ofSeconds(20), () -> fx(() -> workstation.window().wallModel().tiles().size() == 3));
        assertThat(fx(() -> workstation.window().wallModel().visibleTiles().getFirst().name())).isEqualTo("Dock");
        assertThat(fx(() -> workstation.window().wallModel().tourSecondsProperty().get())).isEqualTo(20);
        assertThat(fx(() -> toggle("#theme-toggle").isSelected())).isTrue();
        assertThat(fx(() -> toggle("#timeline-toggle").isSelected())).isTrue();
    }
}
