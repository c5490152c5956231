package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchroom.app.wall.TileView;
import org.watchroom.app.wall.WallLayout;
import org.watchroom.core.auth.Role;
import org.watchroom.core.testing.SlowTest;
import org.watchroom.core.testing.Tee;

/**
 * Resizing the wall while frames flow: every resize makes swscale write pictures of a new size into the ring
 * slots the tiles show. The render thread must never read a slot that the decoder is rewriting (it used to log
 * an IndexOutOfBoundsException from the texture upload when a slot shrank under it), and the tiles must keep
 * moving afterwards. The race is narrow, so this end-to-end run is a stress check; the rule that closes it
 * (the tile's slot stays pinned one acquire longer) is checked deterministically in {@code FrameRingTest}.
 */
@ExtendWith(ApplicationExtension.class)
@UiTest
@SlowTest
class WallResizeUiTest {
    private Workstation workstation;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        workstation = UiTests.showOnNewDataDir(stage, "watchroom-resize");
    }

    @AfterEach
    void close() throws Exception {
        UiTests.closeOnFx(workstation);
    }

    @Test
    void resizingTheWallWhileFramesFlowRaisesNothingOnTheRenderThreadAndTilesKeepMoving() throws Exception {
        UiTests.signIn(workstation, Role.OPERATOR);
        waitFor(Duration.ofSeconds(20), () -> fx(() -> workstation.window().wall().visibleTiles().size() >= 4
                && workstation.window().wall().visibleTiles().stream()
                        .allMatch(t -> t.model().badgeProperty().get().equals("LIVE"))));
        waitFor(Duration.ofSeconds(10), () -> fx(() -> workstation.window().wall().visibleTiles().stream()
                .allMatch(t -> t.model().fpsProperty().get().matches("[1-9][0-9]* fps"))));

        // The render thread prints what its render jobs throw (it has no uncaught exceptions), so listen on both.
        List<String> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(thread.getName() + ": " + e));
        PrintStream previousErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(previousErr, captured), true, StandardCharsets.UTF_8));
        try {
            // The timeline and alerts panes take room from the wall, as a guard opening them does (resizing
            // the stage itself is no use here: Monocle's headless screen cannot follow a smaller window).
            var timeline = fx(() -> (ToggleButton) stage.getScene().lookup("#timeline-toggle"));
            var alerts = fx(() -> (ToggleButton) stage.getScene().lookup("#alerts-toggle"));
            @SuppressWarnings("unchecked")
            var layout = fx(() -> ((ChoiceBox<WallLayout>) stage.getScene().lookup("#layout-choice"))
                    .valueProperty());
            for (int i = 0; i < 150; i++) {
                int step = i;
                WaitForAsyncUtils.asyncFx(() -> {
                    switch (step % 4) {
                        case 0, 2 -> timeline.setSelected(!timeline.isSelected());
                        case 1 -> alerts.setSelected(!alerts.isSelected());
                        default -> layout.set(layout.get() == WallLayout.ONE ? WallLayout.AUTO : WallLayout.ONE);
                    }
                }).get(10, TimeUnit.SECONDS);
                Thread.sleep(20 + (i % 5) * 15); // up to about two frames at the demo's frame rate
            }
            WaitForAsyncUtils.asyncFx(() -> {
                timeline.setSelected(false);
                alerts.setSelected(true);
                layout.set(WallLayout.AUTO);
            }).get(10, TimeUnit.SECONDS);
            Thread.sleep(1000);
        } finally {
            System.setErr(previousErr);
            Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(uncaught).as("uncaught exceptions while resizing").isEmpty();
        assertThat(log).as("stderr while resizing").doesNotContain("Exception").doesNotContain("\tat com.sun.");

        List<TileView> tiles = fx(() -> workstation.window().wall().visibleTiles());
        WritableImage first = snapshotWall();
        Thread.sleep(1000);
        WritableImage second = snapshotWall();
        for (TileView tile : tiles.subList(0, 4)) {
            Bounds bounds = fx(() -> workstation.window().wall().sceneToLocal(tile.localToScene(tile.getBoundsInLocal())));
            assertThat(UiTests.regionHash(first, bounds)).as(tile.model().name() + " still moves after the resizes")
                    .isNotEqualTo(UiTests.regionHash(second, bounds));
        }
    }

    private WritableImage snapshotWall() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> workstation.window().wall().snapshot(null, null)).get(10, TimeUnit.SECONDS);
    }
}
