package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.store.ReviewStore;
import org.watchroom.core.testing.FolderFingerprint;
import org.watchroom.core.testing.People;

/** Offline review: the real window on a data folder from "another machine", which it must leave untouched. */
@ExtendWith(ApplicationExtension.class)
@UiTest
class ReplayUiTest {
    private Path folder;
    private String before;
    private Workstation workstation;

    @Start
    void start(Stage stage) throws Exception {
        folder = Files.createTempDirectory("watchroom-replay-ui").resolve("from-site-b");
        Path snapshot = Files.createDirectories(folder.resolve("snapshots")).resolve("yard-1.png");
        ImageIO.write(new BufferedImage(64, 36, BufferedImage.TYPE_INT_RGB), "png", snapshot.toFile());
        try (Database db = Database.open(folder)) {
            EventStore events = new EventStore(db);
            ReviewStore reviews = new ReviewStore(db);
            Instant t0 = Instant.now().minusSeconds(3600);
            for (int i = 0; i < 3; i++) {
                long id = events.create(new NewEvent(null, "Yard", "person", t0.plusSeconds(60L * i), 0.7f, null,
                        snapshot.toString())).id();
                events.end(id, t0.plusSeconds(60 * i + 20));
                if (i == 0) {
                    reviews.confirm(id, People.as("site-b guard"), "intruder");
                }
            }
        }
        before = FolderFingerprint.of(folder);
        Path own = Files.createTempDirectory("watchroom-replay-own");
        workstation = Workstation.open(LaunchOptions.replay(own, folder));
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            workstation.window().stage().close();
            workstation.close();
        }).get(20, TimeUnit.SECONDS);
        assertThat(FolderFingerprint.of(folder)).as("nothing in the opened folder changed").isEqualTo(before);
    }

    @Test
    void aCopiedDataFolderIsBrowsableButNotReviewableAndRunsNoCameras(FxRobot robot) throws Exception {
        assertThat(fx(() -> workstation.window().stage().getTitle())).contains("from-site-b").contains("read-only");
        assertThat(fx(() -> robot.lookup("#archive-label").tryQuery().isPresent())).isTrue();
        assertThat(fx(() -> robot.lookup("#open-cameras").tryQuery().isPresent())).as("nothing to configure").isFalse();
        waitFor(Duration.ofSeconds(15), () -> fx(() -> workstation.window().alerts().listView().getItems().size() == 3));
        assertThat(workstation.engine().cameras()).isEmpty();

        WaitForAsyncUtils.asyncFx(() -> workstation.window().alerts().focusList()).get(5, TimeUnit.SECONDS);
        waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().alerts().listView().isFocused()));
        long selected = fx(() -> workstation.window().alerts().listView().getSelectionModel().getSelectedItem().id());
        robot.type(KeyCode.D);
        waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().alertsModel().errorProperty().get() != null));
        assertThat(fx(() -> workstation.window().alertsModel().errorProperty().get())).contains("read-only");
        assertThat(workstation.engine().events().find(selected).orElseThrow().status()).isNotEqualTo(EventStatus.DISMISSED);
    }
}
