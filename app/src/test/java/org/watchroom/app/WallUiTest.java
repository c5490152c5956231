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
import javafx.geometry.Bounds;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchroom.app.wall.TileView;
import org.watchroom.core.auth.Role;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.SlowTest;

/** The real workstation window on Monocle (headless glass), real engine, real H2 file. */
@ExtendWith(ApplicationExtension.class)
@UiTest
@SlowTest
class WallUiTest {
    private Workstation workstation;
    private Path dataDir;

    @Start
    void start(Stage stage) throws Exception {
        dataDir = Files.createTempDirectory("watchroom-ui");
        workstation = Workstation.open(new LaunchOptions(dataDir, true, Optional.empty()));
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        UiTests.closeOnFx(workstation);
    }

    @Test
    void demoWallShowsFourMovingTilesAndAScreenshotIsWritten() throws Exception {
        UiTests.signIn(workstation, Role.ADMIN);
        waitFor(Duration.ofSeconds(20), () -> fx(() -> workstation.window().wall().visibleTiles().size() >= 4
                && workstation.window().wall().visibleTiles().stream().allMatch(t -> t.model().badgeProperty().get().equals("LIVE"))));
        waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().wall().visibleTiles().stream()
                .allMatch(t -> hasImage(t))));
        waitFor(Duration.ofSeconds(10), () -> fx(() -> workstation.window().wall().visibleTiles().stream()
                .allMatch(t -> t.model().fpsProperty().get().matches("[1-9][0-9]* fps"))));
        WritableImage first = snapshotWall();
        List<TileView> tiles = fx(() -> workstation.window().wall().visibleTiles());
        Thread.sleep(1500);
        WritableImage second = snapshotWall();
        for (TileView tile : tiles.subList(0, 4)) {
            Bounds bounds = fx(() -> workstation.window().wall().sceneToLocal(tile.localToScene(tile.getBoundsInLocal())));
            String name = tile.model().name();
            assertThat(UiTests.distinctColours(first, bounds)).as(name + " is not one flat colour").isGreaterThan(20);
            assertThat(UiTests.regionHash(first, bounds)).as(name + " changes over time").isNotEqualTo(UiTests.regionHash(second, bounds));
        }
        Path screenshot = Path.of("target", "screenshots", "demo-wall.png");
        Files.createDirectories(screenshot.getParent());
        ImageIO.write(UiTests.toBuffered(second), "png", screenshot.toFile());
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    @Test
    void addingACameraThroughTheDialogPersistsIt(FxRobot robot) throws Exception {
        UiTests.signIn(workstation, Role.ADMIN);
        waitFor(Duration.ofSeconds(20), () -> fx(() -> !workstation.window().wall().visibleTiles().isEmpty()));
        robot.clickOn("#open-cameras");
        robot.clickOn("#cameras-add");
        robot.clickOn("#camera-name").write("Lobby");
        robot.clickOn("#camera-url").write("rtsp://guard:lobby-secret@127.0.0.1:9/live");
        robot.clickOn("#camera-location").write("Ground floor");
        robot.clickOn("#camera-save");

        waitFor(Duration.ofSeconds(10), () -> workstation.engine().store().list().stream()
                .anyMatch(c -> c.name().equals("Lobby")));
        waitFor(Duration.ofSeconds(10), () -> fx(() -> workstation.window().wall().visibleTiles().stream()
                .anyMatch(t -> t.model().name().equals("Lobby"))));
        TileView lobby = fx(() -> workstation.window().wall().visibleTiles().stream()
                .filter(t -> t.model().name().equals("Lobby")).findFirst().orElseThrow());
        assertThat(fx(() -> lobby.model().badgeProperty().get())).doesNotContain("lobby-secret");
        assertThat(fx(() -> robot.lookup("#cameras-table").queryTableView().getItems().toString()))
                .contains("Lobby").doesNotContain("lobby-secret");

        UiTests.closeOnFx(workstation);
        try (Database reopened = Database.open(dataDir)) {
            Camera lobbyCamera = new CameraStore(reopened).list().getFirst();
            assertThat(lobbyCamera.name()).isEqualTo("Lobby");
            assertThat(lobbyCamera.url()).isEqualTo("rtsp://127.0.0.1:9/live");
            assertThat(lobbyCamera.username()).isEqualTo("guard");
            assertThat(lobbyCamera.password()).isEqualTo("lobby-secret");
            assertThat(lobbyCamera.location()).isEqualTo("Ground floor");
        }
        workstation = Workstation.open(new LaunchOptions(dataDir, false, Optional.empty()));
        WaitForAsyncUtils.asyncFx(() -> workstation.show(new Stage())).get(10, TimeUnit.SECONDS);
        waitFor(Duration.ofSeconds(10), () -> fx(() -> workstation.window().wall().visibleTiles().size() == 1
                && workstation.window().wall().visibleTiles().getFirst().model().name().equals("Lobby")));
    }

    private static boolean hasImage(TileView tile) {
        return tile.lookup(".image-view") instanceof ImageView view && view.getImage() != null;
    }

    private WritableImage snapshotWall() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> workstation.window().wall().snapshot(null, null)).get(10, TimeUnit.SECONDS);
    }
}
