package org.watchroom.app.wall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.engine.DemoWall;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.settings.SharedView;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.People;

/** Eighteen real cameras on a wall that holds fewer: pages reach every one, by hand and on tour. */
class WallPagingTest {
    @TempDir
    Path dataDir;

    private static List<String> names(List<TileViewModel> tiles) {
        return tiles.stream().map(TileViewModel::name).toList();
    }

    @Test
    void everyCameraIsReachableThroughPagesInEveryLayoutAndTheTourTurnsThemWhenLeftAlone() {
        try (Database db = Database.open(dataDir);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty())) {
            List<String> all = new ArrayList<>();
            for (int i = 1; i <= 18; i++) {
                all.add("Camera " + i);
                engine.store().add(Camera.create("Camera " + i, "lavfi:testsrc2=size=160x120:rate=2", null, null),
                        People.ADMIN);
            }
            engine.start(DemoWall.WHEN_EMPTY);
            WallViewModel wall = WallViewModel.of(engine, new DirectTaskExecutor());
            assertThat(wall.tiles()).hasSize(18);

            for (WallLayout layout : WallLayout.values()) {
                wall.layoutProperty().set(layout);
                int pages = wall.pageCountBinding().get();
                assertThat(pages).as(layout.toString()).isEqualTo(
                        (18 + layout.tilesPerPage(18) - 1) / layout.tilesPerPage(18));
                List<String> seen = new ArrayList<>();
                for (int p = 0; p < pages; p++) {
                    assertThat(wall.pageProperty().get()).isEqualTo(p);
                    seen.addAll(names(wall.visibleTiles()));
                    wall.nextPage();
                }
                assertThat(seen).as(layout + ": each camera once over the pages").containsExactlyElementsOf(all);
                assertThat(wall.pageProperty().get()).as("after the last, the first").isZero();
            }

            wall.layoutProperty().set(WallLayout.FOUR);
            wall.previousPage();
            assertThat(names(wall.visibleTiles())).containsExactly("Camera 17", "Camera 18");
            wall.layoutProperty().set(WallLayout.AUTO);
            assertThat(wall.pageProperty().get()).as("one page now: the page that exists").isZero();

            wall.layoutProperty().set(WallLayout.TWO);
            wall.tourSecondsProperty().set(10);
            long now = System.nanoTime();
            wall.tour(now + 5_000_000_000L);
            assertThat(wall.pageProperty().get()).as("not yet").isZero();
            wall.tour(now + 11_000_000_000L);
            assertThat(wall.pageProperty().get()).isEqualTo(1);
            wall.interacted(); // the guard clicks: a full period from now
            long clicked = System.nanoTime();
            wall.tour(clicked + 9_000_000_000L);
            assertThat(wall.pageProperty().get()).isEqualTo(1);
            wall.focus(wall.tiles().getFirst());
            wall.tour(clicked + 60_000_000_000L);
            assertThat(wall.pageProperty().get()).as("no tour over a focused camera").isEqualTo(1);
            wall.unfocus();
            wall.tour(clicked + 60_000_000_000L);
            assertThat(wall.pageProperty().get()).isEqualTo(2);

            // a view: its cameras in its order, its layout; a camera dropped on a tile takes that place
            List<Long> ids = wall.tiles().stream().map(TileViewModel::cameraId).toList();
            wall.tourSecondsProperty().set(0);
            wall.showView(new SharedView("Gates", "TWO", List.of(ids.get(4), ids.get(2), ids.get(0))));
            assertThat(wall.layoutProperty().get()).isEqualTo(WallLayout.TWO);
            assertThat(names(wall.visibleTiles())).containsExactly("Camera 5", "Camera 3", "Camera 1");
            assertThat(wall.pageCountBinding().get()).isEqualTo(1);
            wall.place(ids.get(9), 1); // Camera 10 dropped on the second tile
            assertThat(names(wall.visibleTiles())).containsExactly("Camera 5", "Camera 10", "Camera 3", "Camera 1");
            wall.place(ids.get(0), 0); // Camera 1 moved to the front
            assertThat(names(wall.visibleTiles())).containsExactly("Camera 1", "Camera 5", "Camera 10", "Camera 3");
            assertThat(wall.arrangement("Gates").cameras()).containsExactly(ids.get(0), ids.get(4), ids.get(9),
                    ids.get(2));
            wall.showView(null);
            assertThat(wall.pageCountBinding().get()).as("every camera again").isEqualTo(5);
        }
    }
}
