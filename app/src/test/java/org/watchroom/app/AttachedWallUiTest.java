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
import javafx.scene.Scene;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchroom.app.fx.FxTaskExecutor;
import org.watchroom.app.wall.SharedWallFrames;
import org.watchroom.app.wall.TileView;
import org.watchroom.app.wall.WallView;
import org.watchroom.app.wall.WallViewModel;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.remote.AttachedEngine;
import org.watchroom.core.testing.SlowTest;

/**
 * A second wall attached to a running workstation's engine, as another workstation would be: it lists the cameras
 * over the engine's control socket and shows their pictures from the engine's shared frame files. Its tiles show
 * the demo's moving test patterns, and the engine counts its readers.
 */
@ExtendWith(ApplicationExtension.class)
@UiTest
@SlowTest
class AttachedWallUiTest {
    private Workstation workstation;
    private Path dataDir;
    private AttachedEngine attached;
    private FxTaskExecutor executor;
    private WallView wall;
    private Stage second;

    @Start
    void start(Stage stage) throws Exception {
        dataDir = Files.createTempDirectory("watchroom-ui");
        workstation = Workstation.open(new LaunchOptions(dataDir, true, Optional.empty()));
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            if (second != null) {
                wall.stop();
                second.close();
            }
        }).get(10, TimeUnit.SECONDS);
        if (attached != null) {
            attached.close();
        }
        if (executor != null) {
            executor.close();
        }
        UiTests.closeOnFx(workstation);
    }

    @Test
    void anAttachedWallShowsTheEnginesCamerasFromSharedMemory() throws Exception {
        attached = AttachedEngine.attach(dataDir, signal -> { });
        executor = new FxTaskExecutor();
        WaitForAsyncUtils.asyncFx(() -> {
            wall = new WallView(new WallViewModel(attached.ports().wall(),
                    new SharedWallFrames(dataDir, attached.ports().wall(), executor), attached.ports().bus(), executor));
            second = new Stage();
            second.setTitle("Attached wall");
            second.setScene(new Scene(wall, 800, 600));
            second.show();
        }).get(10, TimeUnit.SECONDS);

        waitFor(Duration.ofSeconds(30), () -> fx(() -> wall.visibleTiles().size() == 4 && wall.visibleTiles().stream()
                .allMatch(t -> t.model().badgeProperty().get().equals("LIVE")
                        && t.lookup(".image-view") instanceof ImageView view && view.getImage() != null)));
        waitFor(Duration.ofSeconds(10), () -> fx(() -> wall.visibleTiles().stream()
                .allMatch(t -> t.model().fpsProperty().get().matches("[1-9][0-9]* fps"))));
        WritableImage first = snapshot();
        Thread.sleep(1500);
        WritableImage later = snapshot();
        List<TileView> tiles = fx(() -> wall.visibleTiles());
        for (TileView tile : tiles) {
            Bounds bounds = fx(() -> wall.sceneToLocal(tile.localToScene(tile.getBoundsInLocal())));
            String name = tile.model().name();
            assertThat(UiTests.distinctColours(first, bounds)).as(name + " is a picture").isGreaterThan(20);
            assertThat(UiTests.regionHash(first, bounds)).as(name + " moves")
                    .isNotEqualTo(UiTests.regionHash(later, bounds));
        }
        FrameRing ring = workstation.engine().cameras().getFirst().display().ring();
        assertThat(ring.sharedFile()).as("the engine shares its frames").isPresent();
        assertThat(ring.sharedReaders()).as("the attached tile is one of the ring's readers").hasSize(1);
        Path screenshot = Path.of("target", "screenshots", "attached-wall.png");
        Files.createDirectories(screenshot.getParent());
        ImageIO.write(UiTests.toBuffered(later), "png", screenshot.toFile());
    }

    private WritableImage snapshot() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> wall.snapshot(null, null)).get(10, TimeUnit.SECONDS);
    }
}
