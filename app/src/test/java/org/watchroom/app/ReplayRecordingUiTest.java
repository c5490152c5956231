package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.watchroom.app.timeline.TimelineLayout;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.playback.TestSegments;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Segment;
import org.watchroom.core.testing.FolderFingerprint;
import org.watchroom.core.testing.People;

/**
 * Offline review of a data folder that holds continuous recordings ({@code watchroom replay DIR}): the timeline of
 * the archive window shows the camera's footage from the archive's own database, a click plays it, and nothing in
 * the opened folder changes.
 */
@ExtendWith(ApplicationExtension.class)
@UiTest
class ReplayRecordingUiTest {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.S");
    private final ZoneId zone = ZoneId.systemDefault();
    private Path folder;
    private String before;
    private Workstation workstation;
    private List<Segment> segments;
    private long gate;

    @Start
    void start(Stage stage) throws Exception {
        folder = Files.createTempDirectory("watchroom-replay-recording-ui").resolve("from-site-b");
        Instant t0 = LocalDate.now(zone).atStartOfDay(zone).toInstant().plus(Duration.ofHours(12));
        try (Database db = Database.open(folder)) {
            gate = new CameraStore(db).add(Camera.create("Gate", "rtsp://10.0.0.7/gate", null, null), People.ADMIN).id();
            segments = TestSegments.cut(db, gate, "Gate", folder, t0, new double[] {0, 6}, new double[] {6, 12});
        }
        before = FolderFingerprint.of(folder);
        workstation = Workstation.open(LaunchOptions.replay(Files.createTempDirectory("watchroom-replay-own"), folder));
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
    void theArchivesRecordingIsOnTheTimelineAndPlays(FxRobot robot) throws Exception {
        var timeline = workstation.window().timeline();
        waitFor(Duration.ofSeconds(15), () -> fx(() -> timeline.model().coverageProperty().get().containsKey(gate)
                && timeline.drawnLayout() != null && timeline.canvas().getWidth() > 600));
        Instant start = segments.getFirst().startedAt();
        fx(() -> {
            timeline.model().zoomIn(0.5);
            for (int i = 0; i < 8; i++) {
                timeline.model().zoomIn(0.5);
            }
            timeline.model().centreOn(start.plusSeconds(6));
            return null;
        });
        waitFor(Duration.ofSeconds(10), () -> fx(() -> timeline.drawnLayout().bands().size() == 1
                && timeline.model().zoomLabelProperty().get().equals("1 min")));
        TimelineLayout layout = fx(timeline::drawnLayout);
        TimelineLayout.Band footage = layout.bands().getFirst();
        assertThat(footage.gap()).isNull();
        assertThat(footage.x0()).isCloseTo(layout.xOf(start), Offset.offset(2.0));

        Instant at = start.plusSeconds(7);
        robot.clickOn(fx(() -> timeline.canvas().localToScreen(layout.xOf(at), layout.stripTop(0) + 8)));
        waitFor(Duration.ofSeconds(15), () -> {
            String text = fx(() -> workstation.window().recording().clock(0).getText());
            return !text.isEmpty() && Duration.between(at, LocalDateTime.parse(text, CLOCK).atZone(zone)
                    .toInstant()).abs().toMillis() <= 100;
        });
        assertThat(fx(() -> robot.lookup("#recording-live").queryAs(Button.class).getText()))
                .as("nothing is live in an archive").isEqualTo("Close recording");
        robot.clickOn("#recording-live");
        waitFor(Duration.ofSeconds(5), () -> fx(() -> !workstation.window().recording().isVisible()));
    }
}
