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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchroom.app.wall.TileView;
import org.watchroom.core.cli.EngineSupervisor;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.control.ControlClient;
import org.watchroom.core.control.EngineDescriptor;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.SlowTest;

/**
 * kill -9 of the recorder under an open window, as a native crash in FFmpeg or ONNX Runtime would do it: the window
 * stays open, its tiles say "RECORDER RESTARTING", the supervisor starts a new recorder, and the tiles show moving
 * pictures again within 10 s.
 */
@ExtendWith(ApplicationExtension.class)
@UiTest
@SlowTest
class RecorderCrashUiTest {
    private static final Duration RESUME = Duration.ofSeconds(10);
    private Path dataDir;
    private Process supervisor;
    private Workstation workstation;

    @Start
    void start(Stage stage) throws Exception {
        dataDir = Files.createTempDirectory("watchroom-crash-ui");
        supervisor = EngineSupervisor.startDetached(dataDir, List.of("--no-detect", "--no-api"), Duration.ofSeconds(90));
        workstation = Workstation.open(new LaunchOptions(dataDir, false, Optional.empty()));
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        try {
            UiTests.closeOnFx(workstation);
            Cli.inDataDir(dataDir, "engine", "stop", "--yes");
            supervisor.waitFor(60, TimeUnit.SECONDS);
        } finally {
            ControlClient.running(dataDir).flatMap(d -> ProcessHandle.of(d.pid())).ifPresent(ProcessHandle::destroyForcibly);
            supervisor.destroyForcibly();
        }
    }

    @Test
    void aKilledRecorderIsRestartedAndTheTilesResume() throws Exception {
        assertThat(workstation.attached()).isPresent();
        waitFor(Duration.ofSeconds(30), () -> fx(() -> wall().size() == 4 && wall().stream().allMatch(t ->
                t.model().badgeProperty().get().equals("LIVE") && hasImage(t))));
        EngineDescriptor first = ControlClient.running(dataDir).orElseThrow();

        ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly(); // kill -9
        long killed = System.nanoTime();
        boolean[] saidRestarting = new boolean[1];
        waitFor(RESUME.plusSeconds(20), () -> {
            List<String> badges = fx(() -> wall().stream().map(t -> t.model().badgeProperty().get()).toList());
            saidRestarting[0] |= badges.contains("RECORDER RESTARTING");
            return saidRestarting[0] && badges.size() == 4 && badges.stream().allMatch("LIVE"::equals)
                    && ControlClient.running(dataDir).map(EngineDescriptor::pid).filter(p -> p != first.pid()).isPresent();
        });
        WritableImage before = snapshot();
        Thread.sleep(700);
        WritableImage after = snapshot();
        Duration resumed = Duration.ofNanos(System.nanoTime() - killed);
        System.out.println("Recorder killed -> tiles LIVE and moving again: " + resumed.toMillis() + " ms");
        assertThat(workstation.window().stage().isShowing()).as("the window stayed open").isTrue();
        for (TileView tile : fx(this::wall)) {
            Bounds bounds = fx(() -> workstation.window().wall().sceneToLocal(tile.localToScene(tile.getBoundsInLocal())));
            assertThat(UiTests.regionHash(before, bounds)).as(tile.model().name() + " moves again")
                    .isNotEqualTo(UiTests.regionHash(after, bounds));
        }
        assertThat(resumed).as("tiles resume within " + RESUME.toSeconds() + " s").isLessThanOrEqualTo(RESUME);
    }

    private List<TileView> wall() {
        return workstation.window().wall().visibleTiles();
    }

    private static boolean hasImage(TileView tile) {
        return tile.lookup(".image-view") instanceof ImageView view && view.getImage() != null;
    }

    private WritableImage snapshot() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> workstation.window().wall().snapshot(null, null)).get(10, TimeUnit.SECONDS);
    }
}
