package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.watchroom.app.wall.TileViewModel;
import org.watchroom.core.auth.Role;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.testing.SlowTest;

/** A wall on another monitor with real cameras: its own tiles, and an alert's camera alone on it (alarm to monitor). */
@ExtendWith(ApplicationExtension.class)
@UiTest
@SlowTest
class SecondWallUiTest {
    private Workstation workstation;

    @Start
    void start(Stage stage) throws Exception {
        Path dataDir = UiTests.dataDirWithCameras("watchroom-second-wall-ui", "lavfi:smptebars=size=160x120:rate=2", List.of("Gate", "Yard", "Dock"));
        workstation = Workstation.open(new LaunchOptions(dataDir, false, Optional.empty()));
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        UiTests.closeOnFx(workstation);
    }

    @Test
    void aSecondWallShowsTheCamerasAndTakesAnAlertsCameraWhenSetAsideForAlarms(FxRobot robot) throws Exception {
        UiTests.signIn(workstation, Role.OPERATOR);
        robot.clickOn("#second-wall");
        robot.clickOn("On screen 1 (1920×1080), this one");
        waitFor(Duration.ofSeconds(5), () -> !fx(() -> workstation.window().secondWalls()).isEmpty());
        SecondWall second = fx(() -> workstation.window().secondWalls().getFirst());
        waitFor(Duration.ofSeconds(20), () -> fx(() -> second.wall().visibleTiles().size() == 3));
        assertThat(fx(() -> second.stage().isShowing())).isTrue();

        fx(() -> {
            ((CheckBox) second.stage().getScene().lookup("#second-wall-alarms")).setSelected(true);
            return null;
        });
        TileViewModel yard = fx(() -> second.model().tiles().stream().filter(t -> t.name().equals("Yard"))
                .findFirst().orElseThrow());
        workstation.engine().bus().publish(new WatchroomEvent.EventStarted(1, yard.cameraId(), "Yard", "person", 0.9f,
                Instant.now(), false));
        waitFor(Duration.ofSeconds(5), () -> fx(() -> second.model().focusedProperty().get() == yard));
        assertThat(fx(() -> second.wall().visibleTiles()).stream().map(t -> t.model().name()).toList())
                .containsExactly("Yard");
        assertThat(fx(() -> workstation.window().wallModel().focusedProperty().get()))
                .as("the main wall stays as the guard left it").isNull();

        fx(() -> {
            second.close();
            return null;
        });
        assertThat(fx(() -> workstation.window().secondWalls())).isEmpty();
    }
}
