package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchroom.app.review.ReviewFixture;
import org.watchroom.app.review.ReviewViewModel;
import org.watchroom.core.auth.Role;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.playback.ClipPlayer;
import org.watchroom.core.playback.PlayerState;

/**
 * The review pane in the real workstation window on Monocle: a stored event with a real fragmented MP4 and
 * detections; selecting it in the alerts list loads the player, and the pixels of the player surface change as
 * it plays, seeks to the middle and frame-steps, driven by the keyboard from the alerts list.
 */
@ExtendWith(ApplicationExtension.class)
@UiTest
class ReviewUiTest {
    private Workstation workstation;
    private long eventId;

    @Start
    void start(Stage stage) throws Exception {
        Path dataDir = Files.createTempDirectory("watchroom-review-ui");
        workstation = Workstation.open(new LaunchOptions(dataDir, true, Optional.empty()));
        eventId = ReviewFixture.storeEvent(workstation.engine().database(), workstation.engine().events(), dataDir);
        workstation.show(stage);
    }

    private ReviewViewModel model() { return workstation.window().reviewModel(); }

    private long position() { return fx(() -> model().positionProperty().get()); }

    private BufferedImage surface() {
        return fx(() -> UiTests.toBuffered(workstation.window().review().surface().snapshot(null, null)));
    }

    /** Pixels of the overlay in the person colour (the boxes are drawn, not burned into the video). */
    private long personBoxPixels() {
        BufferedImage overlay = fx(() -> {
            var params = new SnapshotParameters();
            params.setFill(Color.TRANSPARENT);
            return UiTests.toBuffered(workstation.window().review().overlay().snapshot(params, null));
        });
        long count = 0;
        for (int y = 0; y < overlay.getHeight(); y++) {
            for (int x = 0; x < overlay.getWidth(); x++) {
                int rgb = overlay.getRGB(x, y);
                if ((rgb >>> 24) > 200 && Math.abs(((rgb >> 16) & 0xff) - 0x3f) < 20 && Math.abs(((rgb >> 8) & 0xff) - 0xb9) < 20
                        && Math.abs((rgb & 0xff) - 0x50) < 20) {
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean samePixels(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void selectingAnEventPlaysItsClipAndSpaceSeekAndArrowKeysChangeThePicture(FxRobot robot) throws Exception {
        UiTests.signIn(workstation, Role.OPERATOR);
        try {
            waitFor(Duration.ofSeconds(15), () -> fx(() -> workstation.window().alerts().listView().getItems().stream()
                    .anyMatch(e -> e.id() == eventId)));
            WaitForAsyncUtils.asyncFx(() -> {
                var list = workstation.window().alerts().listView();
                list.getItems().stream().filter(e -> e.id() == eventId).findFirst().ifPresent(list.getSelectionModel()::select);
                workstation.window().alerts().focusList();
            }).get(5, TimeUnit.SECONDS);
            waitFor(Duration.ofSeconds(15), () -> fx(() -> model().stateProperty().get() instanceof PlayerState.Paused
                    && workstation.window().review().shownImage() != null
                    && model().positionProperty().get() == 1_000_000)); // at the event, 1 s into its clip
            assertThat(fx(() -> model().detailsProperty().get().event().id())).isEqualTo(eventId);
            waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().review().shownImage().getWidth() > 100));
            BufferedImage atStart = surface();
            assertThat(atStart.getWidth()).isGreaterThan(100);

            waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().alerts().listView().isFocused()));
            robot.type(KeyCode.SPACE); // from the alerts list: play
            waitFor(Duration.ofSeconds(10), () -> position() >= 1_600_000);
            robot.type(KeyCode.SPACE); // pause
            waitFor(Duration.ofSeconds(5), () -> fx(() -> model().stateProperty().get() instanceof PlayerState.Paused));
            Thread.sleep(200); // a pulse or two to show the last frame
            BufferedImage played = surface();
            assertThat(samePixels(played, atStart)).as("playing changed the picture").isFalse();

            fx(() -> {
                ((Slider) robot.lookup("#review-slider").query()).setValue(3.0); // scrub to the middle
                return null;
            });
            waitFor(Duration.ofSeconds(5), () -> position() == 3_000_000);
            Thread.sleep(200);
            BufferedImage middle = surface();
            assertThat(samePixels(middle, played)).as("seeking changed the picture").isFalse();

            fx(() -> {
                workstation.window().alerts().focusList();
                return null;
            });
            robot.type(KeyCode.RIGHT);
            waitFor(Duration.ofSeconds(5), () -> position() == 3_100_000);
            Thread.sleep(200);
            BufferedImage stepped = surface();
            assertThat(samePixels(stepped, middle)).as("a frame step changed the picture").isFalse();

            robot.type(KeyCode.LEFT);
            waitFor(Duration.ofSeconds(5), () -> position() == 3_000_000);
            Thread.sleep(200);
            assertThat(samePixels(surface(), middle)).as("stepping back shows the middle frame again").isTrue();
            assertThat(fx(() -> workstation.window().alerts().listView().getSelectionModel().getSelectedItem().id()))
                    .as("the arrow keys did not move the list").isEqualTo(eventId);

            fx(() -> { // the same keys with the review pane focused
                workstation.window().review().surface().requestFocus();
                return null;
            });
            waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().review().surface().isFocused()));
            robot.type(KeyCode.RIGHT);
            waitFor(Duration.ofSeconds(5), () -> position() == 3_100_000);
            robot.type(KeyCode.SPACE);
            waitFor(Duration.ofSeconds(5), () -> fx(() -> model().stateProperty().get() instanceof PlayerState.Playing));
            robot.type(KeyCode.SPACE);
            waitFor(Duration.ofSeconds(5), () -> fx(() -> model().stateProperty().get() instanceof PlayerState.Paused));
            assertThat(position()).isGreaterThanOrEqualTo(3_100_000);

            robot.clickOn("#review-peak"); // the peak: two boxes (person, face) from the detector frame
            waitFor(Duration.ofSeconds(5), () -> position() == 2_000_000);
            waitFor(Duration.ofSeconds(5), () -> personBoxPixels() > 100);
            fx(() -> {
                ((Slider) robot.lookup("#review-slider").query()).setValue(0);
                return null;
            });
            waitFor(Duration.ofSeconds(5), () -> position() == 0);
            waitFor(Duration.ofSeconds(5), () -> personBoxPixels() == 0); // no detection before 1 s

            // Big review: the player takes the wall's room, and gives it back
            double small = fx(() -> workstation.window().review().surface().getLayoutBounds().getWidth());
            robot.clickOn("#review-wide");
            waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().wall().getScene() == null
                    && workstation.window().review().surface().getLayoutBounds().getWidth() > small * 1.3));
            robot.clickOn("#review-wide");
            waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().wall().getScene() != null));
        } finally {
            ClipPlayer player = fx(() -> model().player());
            UiTests.closeOnFx(workstation);
            assertThat(player == null || !player.running()).as("no player thread left after closing").isTrue();
        }
    }
}
