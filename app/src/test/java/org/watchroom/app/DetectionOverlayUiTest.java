package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.watchroom.app.wall.TileView;
import org.watchroom.core.auth.Role;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.testing.OnnxTest;

/** Real detection (YOLOX + YuNet from the model mirror) on looped CCTV footage, drawn over the tile. */
@ExtendWith(ApplicationExtension.class)
@UiTest
@OnnxTest
class DetectionOverlayUiTest {
    private Workstation workstation;

    @Start
    void start(Stage stage) throws Exception {
        Path dataDir = Files.createTempDirectory("watchroom-overlay");
        Path footage = Path.of(System.getProperty("watchroom.media"), "vtest.avi");
        workstation = Workstation.open(new LaunchOptions(dataDir, true, Optional.of(footage), true));
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        UiTests.closeOnFx(workstation);
    }

    @Test
    void boxesAppearOverTheFootageTileAndTheToggleHidesThem(FxRobot robot) throws Exception {
        UiTests.signIn(workstation, Role.OPERATOR);
        assertThat(workstation.engine().detection().status()).startsWith("CPU");
        waitFor(Duration.ofSeconds(20), () -> fx(() -> workstation.window().wall().visibleTiles().stream()
                .anyMatch(t -> t.model().name().startsWith("Demo footage"))));
        TileView footage = fx(() -> workstation.window().wall().visibleTiles().stream()
                .filter(t -> t.model().name().startsWith("Demo footage")).findFirst().orElseThrow());
        waitFor(Duration.ofSeconds(20), () -> drawnPixels(footage) > 200);
        TileView pattern = fx(() -> workstation.window().wall().visibleTiles().getFirst());
        assertThat(drawnPixels(pattern)).as("test patterns run no detection").isZero();

        WritableImage wall = fx(() -> workstation.window().wall().snapshot(null, null));
        Path screenshot = Path.of("target", "screenshots", "detections.png");
        Files.createDirectories(screenshot.getParent());
        ImageIO.write(UiTests.toBuffered(wall), "png", screenshot.toFile());

        robot.clickOn("#overlay-toggle");
        waitFor(Duration.ofSeconds(5), () -> drawnPixels(footage) == 0);
        robot.clickOn("#overlay-toggle");
        waitFor(Duration.ofSeconds(5), () -> drawnPixels(footage) > 200);
    }

    /** Pixels the overlay canvas has painted (not transparent). */
    private static long drawnPixels(TileView tile) {
        WritableImage image = fx(() -> {
            SnapshotParameters params = new SnapshotParameters();
            params.setFill(Color.TRANSPARENT);
            return tile.overlay().snapshot(params, null);
        });
        PixelReader reader = image.getPixelReader();
        long drawn = 0;
        for (int y = 0; y < (int) image.getHeight(); y += 2) {
            for (int x = 0; x < (int) image.getWidth(); x += 2) {
                if ((reader.getArgb(x, y) >>> 24) > 32) {
                    drawn++;
                }
            }
        }
        return drawn;
    }
}
