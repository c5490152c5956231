package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import javafx.geometry.Bounds;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.watchroom.app.wall.TileView;
import org.watchroom.app.wall.WallLayout;
import org.watchroom.core.auth.Role;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.testing.SlowTest;

/**
 * The wall as a guard drives it from the keyboard and mouse, on Monocle with a real engine: 18 still cameras (colour
 * bars), pages, Esc, the key help, dialogs that close, the wheel's digital zoom, instant replay.
 */
@ExtendWith(ApplicationExtension.class)
@UiTest
@SlowTest
class WallKeysUiTest {
    private Workstation workstation;

    @Start
    void start(Stage stage) throws Exception {
        Path dataDir = UiTests.dataDirWithCameras("watchroom-wall-keys-ui", "lavfi:smptebars=size=320x240:rate=2", IntStream.rangeClosed(1, 18).mapToObj(i -> "Camera " + i).toList());
        workstation = Workstation.open(new LaunchOptions(dataDir, false, Optional.empty()));
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        UiTests.closeOnFx(workstation);
    }

    private Set<String> shownNames() {
        return fx(() -> {
            Set<String> names = new LinkedHashSet<>();
            workstation.window().wall().visibleTiles().forEach(t -> names.add(t.model().name()));
            return names;
        });
    }

    private Optional<DialogPane> keyHelp() {
        return fx(() -> Window.getWindows().stream().filter(Window::isShowing).map(w -> w.getScene().getRoot())
                .filter(root -> root instanceof DialogPane && "key-help".equals(root.getId()))
                .map(DialogPane.class::cast).findFirst());
    }

    private Optional<Window> camerasDialog() {
        return fx(() -> Window.getWindows().stream().filter(Window::isShowing)
                .filter(w -> w instanceof Stage st && "Cameras".equals(st.getTitle())).findFirst());
    }

    private static WritableImage picture(TileView tile) {
        return fx(() -> ((ImageView) tile.lookup(".image-view")).snapshot(null, null));
    }

    @Test
    void pagesReachEveryCameraEscLeavesTheFocusViewF1ListsTheKeysAndTheWheelZooms(FxRobot robot) throws Exception {
        UiTests.signIn(workstation, Role.ADMIN);
        waitFor(Duration.ofSeconds(30), () -> fx(() -> workstation.window().wallModel().tiles().size() == 18));
        fx(() -> {
            workstation.window().wallModel().layoutProperty().set(WallLayout.TWO);
            return null;
        });
        assertThat(fx(() -> robot.lookup("#page-label").queryAs(Label.class).getText())).isEqualTo("Page 1 / 5");
        Set<String> seen = new LinkedHashSet<>(shownNames());
        for (int i = 0; i < 4; i++) {
            robot.type(KeyCode.PAGE_DOWN);
            seen.addAll(shownNames());
        }
        assertThat(seen).as("every camera through the pages").hasSize(18);
        assertThat(fx(() -> robot.lookup("#page-label").queryAs(Label.class).getText())).isEqualTo("Page 5 / 5");
        robot.type(KeyCode.PAGE_DOWN);
        assertThat(shownNames()).containsExactly("Camera 1", "Camera 2", "Camera 3", "Camera 4");

        // Esc leaves the single-camera view even after the alerts list had the keyboard
        TileView first = fx(() -> workstation.window().wall().visibleTiles().getFirst());
        robot.doubleClickOn(first);
        waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().wallModel().focusedProperty().get() != null));
        robot.clickOn((Node) fx(() -> workstation.window().alerts().listView()));
        robot.type(KeyCode.ESCAPE);
        waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().wallModel().focusedProperty().get() == null));

        robot.type(KeyCode.F1);
        waitFor(Duration.ofSeconds(5), () -> keyHelp().isPresent());
        String help = fx(() -> keyHelp().orElseThrow().lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).reduce("", (a, b) -> a + "\n" + b));
        assertThat(help).contains("Page Down", "leave the single-camera view", "F11", "confirm", "faster", "Ctrl+L");
        robot.type(KeyCode.ESCAPE);
        waitFor(Duration.ofSeconds(5), () -> keyHelp().isEmpty());

        // dialogs close with Esc and have a Close button of their own
        robot.clickOn("#open-cameras");
        waitFor(Duration.ofSeconds(5), () -> camerasDialog().isPresent());
        robot.type(KeyCode.ESCAPE);
        waitFor(Duration.ofSeconds(5), () -> camerasDialog().isEmpty());
        robot.clickOn("#open-cameras");
        waitFor(Duration.ofSeconds(5), () -> camerasDialog().isPresent());
        robot.clickOn("#dialog-close");
        waitFor(Duration.ofSeconds(5), () -> camerasDialog().isEmpty());

        // the wheel zooms into the still picture: what the tile shows changes, and only because of the zoom
        fx(() -> {
            workstation.window().wallModel().layoutProperty().set(WallLayout.ONE);
            return null;
        });
        TileView tile = fx(() -> workstation.window().wall().visibleTiles().getFirst());
        waitFor(Duration.ofSeconds(10), () -> fx(() -> ((ImageView) tile.lookup(".image-view")).getImage() != null));
        Thread.sleep(1500); // a frame at the new size
        long before = UiTests.regionHash(picture(tile), fx(() -> tile.lookup(".image-view").getLayoutBounds()));
        Thread.sleep(1000);
        assertThat(UiTests.regionHash(picture(tile), fx(() -> tile.lookup(".image-view").getLayoutBounds())))
                .as("a still picture").isEqualTo(before);
        robot.moveTo(tile).scroll(3, VerticalDirection.DOWN); // reaches JavaFX as a positive deltaY: wheel away, in
        waitFor(Duration.ofSeconds(5), () -> fx(() -> ((ImageView) tile.lookup(".image-view")).getViewport() != null));
        Thread.sleep(1000);
        assertThat(UiTests.regionHash(picture(tile), fx(() -> tile.lookup(".image-view").getLayoutBounds())))
                .as("zoomed in").isNotEqualTo(before);

        // instant replay from the tile's menu: the player opens on this camera half a minute back
        Instant asked = Instant.now();
        fx(() -> { // the tile's menu, as a right-click asks for it (Monocle's robot does not)
            Bounds at = tile.localToScreen(tile.getBoundsInLocal());
            tile.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 20, 20, at.getMinX() + 20,
                    at.getMinY() + 20, false, null));
            return null;
        });
        robot.clickOn("Replay last 30 s");
        waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().recordingModel().activeProperty().get()));
        assertThat(fx(() -> workstation.window().recordingModel().tiles().stream().map(t -> t.camera().name())
                .toList())).containsExactly(fx(() -> tile.model().name()));
        Instant from = fx(() -> workstation.window().recordingModel().timeProperty().get());
        // 30 s back, or where this fresh recording begins when it is younger than that
        assertThat(Duration.between(from, asked).toSeconds()).isBetween(5L, 32L);
    }
}
