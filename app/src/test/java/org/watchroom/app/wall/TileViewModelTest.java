package org.watchroom.app.wall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.store.Database;

/** Tile and wall ViewModels against a real engine, without a Stage. */
class TileViewModelTest {
    @TempDir
    Path dataDir;

    @Test
    void badgesSayWhatAGuardNeedsToKnow() {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        assertThat(TileViewModel.badgeText(new CameraState.Live(), now)).isEqualTo("LIVE");
        assertThat(TileViewModel.badgeText(new CameraState.Connecting(), now)).isEqualTo("CONNECTING");
        assertThat(TileViewModel.badgeText(new CameraState.Reconnecting(3, now.plusMillis(4200), "host unreachable"), now))
                .isEqualTo("RECONNECTING in 5s: host unreachable");
        assertThat(TileViewModel.reasonText(new CameraState.Reconnecting(3, now.plusMillis(4200), "connection refused")))
                .isEqualTo("Reconnecting (attempt 3): connection refused");
        assertThat(TileViewModel.reasonText(new CameraState.Failed("401 unauthorized: the camera rejected the user name"
                + " or password"))).as("the whole reason, for the tooltip").endsWith("user name or password");
        assertThat(TileViewModel.reasonText(new CameraState.Live())).isEmpty();
        assertThat(TileViewModel.badgeText(new CameraState.Failed("401 unauthorized: wrong password"), now))
                .isEqualTo("OFFLINE: 401 unauthorized: wrong password");
        assertThat(TileViewModel.badgeText(new CameraState.Stopped(), now)).isEqualTo("OFFLINE");
    }

    @Test
    void layoutFollowsCameraCountUnlessChosen() {
        assertThat(WallLayout.AUTO.columnsFor(1)).isEqualTo(1);
        assertThat(WallLayout.AUTO.columnsFor(4)).isEqualTo(2);
        assertThat(WallLayout.AUTO.columnsFor(5)).isEqualTo(3);
        assertThat(WallLayout.AUTO.columnsFor(40)).isEqualTo(5);
        assertThat(WallLayout.THREE.columnsFor(1)).isEqualTo(3);
        assertThat(WallLayout.AUTO.rowsFor(5)).as("5 cameras: 3 across, 2 down").isEqualTo(2);
        assertThat(WallLayout.AUTO.rowsFor(9)).isEqualTo(3);
        assertThat(WallLayout.TWO.rowsFor(1)).isEqualTo(2);
    }

    @Test
    void wallModelTracksTheDemoCamerasAndShowsLiveFps() throws Exception {
        try (Database db = Database.open(dataDir);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty())) {
            engine.start(true);
            WallViewModel wall = WallViewModel.of(engine, new DirectTaskExecutor());
            assertThat(wall.tiles()).hasSize(4);
            assertThat(wall.columnsBinding().get()).isEqualTo(2);
            TileViewModel testCard = wall.tiles().getFirst();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline && !wall.tiles().stream().allMatch(t -> t.badgeProperty().get().equals("LIVE"))) {
                Thread.sleep(50);
            }
            Thread.sleep(2500); // two full rate windows
            wall.refresh();
            assertThat(testCard.badgeProperty().get()).isEqualTo("LIVE");
            assertThat(testCard.fpsProperty().get()).matches("1[3-6] fps");
            wall.focus(testCard);
            assertThat(wall.columnsBinding().get()).isEqualTo(1);
            assertThat(wall.visibleTiles()).containsExactly(testCard);
            wall.unfocus();
            assertThat(wall.visibleTiles()).hasSize(4);
        }
    }
}
