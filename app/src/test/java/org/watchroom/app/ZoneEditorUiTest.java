package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.robot.Motion;
import org.watchroom.core.auth.Role;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.event.EventRuleConfig;
import org.watchroom.core.event.Polygon;
import org.watchroom.core.event.Zone;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.SlowTest;

/**
 * An installer draws a zone on a fresh snapshot of a camera (vtest footage) by clicks, names it, gives it a label and
 * a dwell time, and saves: the camera's stored event rules hold it and the running camera applies it.
 */
@ExtendWith(ApplicationExtension.class)
@UiTest
@SlowTest
class ZoneEditorUiTest {
    private Workstation workstation;
    private long dockId;

    @Start
    void start(Stage stage) throws Exception {
        Path dataDir = Files.createTempDirectory("watchroom-zone-editor-ui");
        Path footage = Path.of(System.getProperty("watchroom.media"), "vtest.mp4");
        try (Database db = Database.open(dataDir)) {
            People.enrolAdmin(db); // the configured camera waits for the first administrator
            dockId = new CameraStore(db).add(Camera.create("Dock", footage + "?loop=1", null, null), People.ADMIN).id();
        }
        workstation = Workstation.open(new LaunchOptions(dataDir, false, Optional.empty()));
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        if (workstation != null) {
            UiTests.closeOnFx(workstation);
        }
    }

    private EventRuleConfig stored() {
        return EventRuleConfig.parse(workstation.engine().store().find(dockId).orElseThrow().eventRules());
    }

    private EventRuleConfig running() {
        return EventRuleConfig.parse(workstation.engine().running(dockId).orElseThrow().camera().eventRules());
    }

    @Test
    void aZoneDrawnByClicksIsSavedIntoTheRulesAndTheRunningCameraUsesIt(FxRobot robot) throws Exception {
        UiTests.signIn(workstation, Role.ADMIN);
        robot.clickOn("#open-cameras");
        waitFor(Duration.ofSeconds(10), () -> fx(() -> robot.lookup("#cameras-table").queryTableView().getItems()
                .size() == 1));
        fx(() -> {
            robot.lookup("#cameras-table").queryTableView().getSelectionModel().select(0);
            return null;
        });
        robot.clickOn("#cameras-edit");
        robot.clickOn("Detection and alerts");
        robot.clickOn("#camera-zones");
        waitFor(Duration.ofSeconds(20), () -> fx(() -> robot.lookup("#zones-message").queryAs(Label.class).getText())
                .startsWith("Click on the picture"));
        Canvas picture = robot.lookup("#zones-picture").queryAs(Canvas.class);
        double w = fx(picture::getWidth);
        double h = fx(picture::getHeight);
        assertThat(h).as("the picture takes the snapshot's shape (768x576)").isCloseTo(w * 576 / 768, within(1));

        robot.clickOn("#zones-new-zone");
        // the lower right quarter of the picture
        List<Point2D> corners = List.of(new Point2D(0.5, 0.5), new Point2D(0.95, 0.5), new Point2D(0.95, 0.95),
                new Point2D(0.5, 0.95));
        for (Point2D c : corners) {
            robot.moveTo(picture, Pos.TOP_LEFT, new Point2D(c.getX() * w, c.getY() * h), Motion.DIRECT).clickOn(MouseButton.PRIMARY);
        }
        robot.clickOn("#zone-name").write("Loading bay");
        robot.clickOn("#zone-labels").write("person");
        robot.doubleClickOn("#zone-dwell").type(KeyCode.BACK_SPACE).write("30");
        waitFor(Duration.ofSeconds(5), () -> fx(() -> robot.lookup("#zones-problem").queryAs(Label.class).getText())
                .isEmpty());

        // drawn: the zone's inside is tinted green over the picture, outside it is not
        Image drawn = fx(() -> picture.snapshot(null, null));
        Color inside = drawn.getPixelReader().getColor((int) (0.8 * w), (int) (0.8 * h));
        assertThat(inside.getGreen()).as("tinted green inside the zone").isGreaterThan(inside.getRed());

        robot.clickOn("#zones-save");
        waitFor(Duration.ofSeconds(10), () -> !stored().zones().isEmpty());
        Zone zone = stored().zones().getFirst();
        assertThat(zone.name()).isEqualTo("Loading bay");
        assertThat(zone.labels()).containsExactly("person");
        assertThat(zone.dwellSeconds()).isEqualTo(30);
        List<Polygon.Point> points = zone.polygon().points();
        assertThat(points).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(points.get(i).x()).isCloseTo(corners.get(i).getX(), within(0.01));
            assertThat(points.get(i).y()).isCloseTo(corners.get(i).getY(), within(0.01));
        }
        waitFor(Duration.ofSeconds(10), () -> running().zones().equals(stored().zones()));
        assertThat(fx(() -> robot.lookup("#zones-message").queryAs(Label.class).getText()))
                .startsWith("Saved 1 zone(s), 0 object mask(s) and 0 motion mask(s)");

        // a corner dragged and another deleted with a right-click, then saved again
        fx(() -> {
            robot.lookup("#zones-list").queryListView().getSelectionModel().select(0);
            return null;
        });
        robot.moveTo(picture, Pos.TOP_LEFT, new Point2D(0.5 * w, 0.5 * h), Motion.DIRECT).press(MouseButton.PRIMARY)
                .moveTo(picture, Pos.TOP_LEFT, new Point2D(0.4 * w, 0.4 * h), Motion.DIRECT).release(MouseButton.PRIMARY);
        robot.moveTo(picture, Pos.TOP_LEFT, new Point2D(0.5 * w, 0.95 * h), Motion.DIRECT).clickOn(MouseButton.SECONDARY);
        robot.clickOn("#zones-save");
        waitFor(Duration.ofSeconds(10), () -> stored().zones().getFirst().polygon().points().size() == 3);
        assertThat(stored().zones().getFirst().polygon().points().getFirst().x()).isCloseTo(0.4, within(0.01));

        // a motion mask over the top left corner (the clock of a real camera)
        robot.clickOn("#zones-new-motion-mask");
        for (Point2D c : List.of(new Point2D(0.02, 0.02), new Point2D(0.3, 0.02), new Point2D(0.02, 0.1))) {
            robot.moveTo(picture, Pos.TOP_LEFT, new Point2D(c.getX() * w, c.getY() * h), Motion.DIRECT)
                    .clickOn(MouseButton.PRIMARY);
        }
        robot.clickOn("#zones-save");
        waitFor(Duration.ofSeconds(10), () -> stored().motionMasks().size() == 1);
        assertThat(stored().motionMasks().getFirst().contains(0.1, 0.04)).isTrue();
        assertThat(stored().zones()).as("the zone is kept").hasSize(1);
    }

    private static Offset<Double> within(double v) {
        return Offset.offset(v);
    }
}
