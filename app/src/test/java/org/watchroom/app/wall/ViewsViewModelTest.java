package org.watchroom.app.wall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.account.Session;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.engine.DemoWall;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.settings.SharedView;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.People;

/** Named views against a real engine and its settings: saved for oneself, shared by an admin only, deleted. */
class ViewsViewModelTest {
    @TempDir
    Path dataDir;

    @Test
    void aViewIsSavedAsShownSharedByAnAdminAndDeleted() {
        try (Database db = Database.open(dataDir);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty())) {
            for (String name : List.of("Gate", "Yard", "Dock")) {
                engine.store().add(Camera.create(name, "lavfi:testsrc2=size=160x120:rate=2", null, null), People.ADMIN);
            }
            engine.start(DemoWall.WHEN_EMPTY);
            WallViewModel wall = WallViewModel.of(engine, new DirectTaskExecutor());
            Settings settings = new Settings(db);
            ViewsViewModel asSupervisor = new ViewsViewModel(wall, settings, Session.fixed(db, People.SUPERVISOR),
                    new DirectTaskExecutor());
            int[] saves = {0};
            asSupervisor.onPersonalChanged(() -> saves[0]++);
            long dock = wall.tiles().get(2).cameraId();
            wall.place(dock, 0);
            assertThat(wall.viewProperty().get().name()).isEqualTo(WallViewModel.UNSAVED);
            asSupervisor.share();
            assertThat(asSupervisor.messageProperty().get()).contains("Save the view under a name first");

            asSupervisor.saveAs("Dock first");
            assertThat(asSupervisor.personal()).singleElement().satisfies(v -> {
                assertThat(v.name()).isEqualTo("Dock first");
                assertThat(v.cameras()).first().isEqualTo(dock);
            });
            assertThat(saves[0]).as("the workspace is saved").isEqualTo(1);
            asSupervisor.share();
            assertThat(asSupervisor.messageProperty().get()).startsWith("Not shared: ");
            assertThat(settings.sharedViews()).isEmpty();

            ViewsViewModel asAdmin = new ViewsViewModel(wall, settings, Session.fixed(db, People.ADMIN),
                    new DirectTaskExecutor());
            asAdmin.share();
            assertThat(settings.sharedViews()).extracting(SharedView::name).containsExactly("Dock first");
            assertThat(asAdmin.shared()).hasSize(1);
            asAdmin.delete();
            assertThat(settings.sharedViews()).isEmpty();
            assertThat(wall.viewProperty().get()).as("every camera again").isNull();
        }
    }
}
