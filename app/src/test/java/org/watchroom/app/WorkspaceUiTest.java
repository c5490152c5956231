package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchroom.app.wall.WallLayout;
import org.watchroom.core.auth.Role;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.testing.SlowTest;

/** The window remembers each person's workspace across a restart: place, size, theme, layout, tour, panes. */
@ExtendWith(ApplicationExtension.class)
@UiTest
@SlowTest
class WorkspaceUiTest {
    private Path dataDir;
    private Workstation workstation;

    @Start
    void start(Stage stage) throws Exception {
        dataDir = Files.createTempDirectory("watchroom-workspace-ui");
        workstation = Workstation.open(new LaunchOptions(dataDir, true, Optional.empty()));
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
    void aRestartBringsBackWhereAndHowThePersonLeftTheWindow() throws Exception {
        waitFor(Duration.ofSeconds(10), () -> fx(() -> workstation.window().stage().isMaximized()));
        UiTests.signIn(workstation, Role.OPERATOR);
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

        workstation = Workstation.open(new LaunchOptions(dataDir, true, Optional.empty()));
        WaitForAsyncUtils.asyncFx(() -> workstation.show(new Stage())).get(10, TimeUnit.SECONDS);
        waitFor(Duration.ofSeconds(10), () -> fx(() -> workstation.window().stage().getWidth() == 1200
                && workstation.window().stage().getHeight() == 760));
        assertThat(fx(() -> workstation.window().stage().isMaximized())).isFalse();
        assertThat(fx(() -> workstation.window().stage().getX())).isEqualTo(40);

        UiTests.signIn(workstation, Role.OPERATOR);
        waitFor(Duration.ofSeconds(10), () -> fx(() -> workstation.window().wallModel().layoutProperty().get()
                == WallLayout.LARGE_AND_5));
        assertThat(fx(() -> workstation.window().wallModel().tourSecondsProperty().get())).isEqualTo(20);
        assertThat(fx(() -> toggle("#theme-toggle").isSelected())).isTrue();
        assertThat(fx(() -> toggle("#timeline-toggle").isSelected())).isTrue();
    }
}
