package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.ChoiceBox;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.watchroom.app.timeline.Bar;
import org.watchroom.app.timeline.LabelKind;
import org.watchroom.app.timeline.TimelineLayout;
import org.watchroom.app.timeline.TimelineView;
import org.watchroom.core.auth.Role;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.store.DetectionStore;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.NewDetection;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.testing.People;

/** The timeline in the real workstation window on Monocle, real engine and H2 file. */
@ExtendWith(ApplicationExtension.class)
@UiTest
class TimelineUiTest {
    private Workstation workstation;
    private long gateEvent;
    private long yardEvent;

    @Start
    void start(Stage stage) throws Exception {
        Path dataDir = Files.createTempDirectory("watchroom-timeline-ui");
        workstation = Workstation.open(new LaunchOptions(dataDir, true, Optional.empty()));
        EventStore events = workstation.engine().events();
        Instant today = LocalDate.now().atStartOfDay(ZoneId.systemDefault()).toInstant();
        gateEvent = events.create(new NewEvent(null, "Gate", "person", today.plus(Duration.ofHours(2)), 0.8f, null, null)).id();
        events.end(gateEvent, today.plus(Duration.ofHours(5)));
        new DetectionStore(workstation.engine().database()).addAll(gateEvent, List.of(
                new NewDetection(today.plus(Duration.ofMinutes(150)), new Detection("person", 0, 0.8f, new Box(1, 1, 9, 9), null), null),
                new NewDetection(today.plus(Duration.ofMinutes(151)), new Detection("person", 0, 0.8f, new Box(1, 1, 9, 9), null), null)));
        yardEvent = events.create(new NewEvent(null, "Yard", "car", today.plus(Duration.ofHours(8)), 0.9f, null, null)).id();
        events.end(yardEvent, today.plus(Duration.ofHours(11)));
        workstation.engine().reviews().confirm(yardEvent, People.as("local"), "delivery van"); // not in the pending-only alerts list
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        UiTests.closeOnFx(workstation);
    }

    private TimelineView timeline() {
        return workstation.window().timeline();
    }

    private static boolean near(int argb, int rgb) {
        return Math.abs(((argb >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= 6
                && Math.abs(((argb >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= 6
                && Math.abs((argb & 0xff) - (rgb & 0xff)) <= 6;
    }

    private Point2D onScreen(double x, double y) {
        return fx(() -> timeline().canvas().localToScreen(x, y));
    }

    private String zoomLabel(FxRobot robot) {
        return fx(() -> robot.lookup("#timeline-zoom").queryLabeled().getText());
    }

    @Test
    void barsAreDrawnInLabelColoursAClickOpensTheEventInTheAlertsListAndKeysAndWheelZoom(FxRobot robot) throws Exception {
        UiTests.signIn(workstation, Role.OPERATOR);
        waitFor(Duration.ofSeconds(15), () -> fx(() -> workstation.window().alerts().listView().getItems().size() == 1));
        assertThat(fx(() -> timeline().getScene())).as("hidden until toggled").isNull();
        robot.clickOn("#timeline-toggle");
        waitFor(Duration.ofSeconds(15), () -> fx(() -> timeline().drawnLayout() != null
                && timeline().drawnLayout().bars().size() == 2 && timeline().canvas().getWidth() > 300));
        assertThat(zoomLabel(robot)).isEqualTo("24 h");
        TimelineLayout layout = fx(() -> timeline().drawnLayout());
        assertThat(layout.strips()).extracting(s -> s.name()).containsExactly("Gate", "Yard");
        Bar gate = layout.barOf(gateEvent).orElseThrow();
        Bar yard = layout.barOf(yardEvent).orElseThrow();

        BufferedImage pixels = UiTests.toBuffered(fx(() -> timeline().canvas().snapshot(null, null)));
        assertThat(near(pixels.getRGB((int) gate.centreX(), (int) gate.centreY()), LabelKind.PERSON.rgb()))
                .as("pending person bar is solid person blue").isTrue();
        assertThat(near(pixels.getRGB((int) yard.centreX(), (int) yard.centreY()), LabelKind.VEHICLE.rgb()))
                .as("confirmed car bar is vehicle amber").isTrue();
        assertThat(near(pixels.getRGB((int) yard.x0() + 1, (int) yard.centreY()), 0xffffff))
                .as("confirmed: white outline").isTrue();
        assertThat(near(pixels.getRGB((int) (gate.x0() - 20), (int) gate.centreY()), LabelKind.PERSON.rgb()))
                .as("no bar before the event starts").isFalse();

        // detections per hour: Gate saw two at 02:xx local
        var series = fx(() -> List.copyOf(timeline().chart().getData()));
        assertThat(series).singleElement().satisfies(sr -> {
            assertThat(sr.getName()).isEqualTo("Gate");
            assertThat(sr.getData().get(2).getXValue()).isEqualTo("02");
            assertThat(sr.getData().get(2).getYValue().intValue()).isEqualTo(2);
        });
        if (System.getProperty("timeline.snapshot") != null) {
            ImageIO.write(UiTests.toBuffered(fx(() -> workstation.window().stage().getScene().snapshot(null))),
                    "png", new File(System.getProperty("timeline.snapshot")));
        }

        // the confirmed event is hidden by the pending filter: the click clears it and selects the event
        robot.clickOn(onScreen(yard.centreX(), yard.centreY()));
        waitFor(Duration.ofSeconds(15), () -> fx(() -> {
            var selected = workstation.window().alerts().listView().getSelectionModel().getSelectedItem();
            return selected != null && selected.id() == yardEvent;
        }));
        assertThat(fx(() -> workstation.window().alertsModel().statusFilterProperty().get())).isNull();
        assertThat(fx(() -> ((ChoiceBox<?>) robot.lookup("#alerts-status").query()).getValue())).isEqualTo("All statuses");

        // keys zoom around the middle, the wheel around the mouse, the buttons step back out
        robot.clickOn(onScreen(TimelineLayout.LABEL_WIDTH + 5, TimelineLayout.AXIS_HEIGHT / 2)); // focus, no bar
        robot.type(KeyCode.ADD);
        waitFor(Duration.ofSeconds(5), () -> zoomLabel(robot).equals("12 h"));
        robot.type(KeyCode.ADD);
        waitFor(Duration.ofSeconds(5), () -> zoomLabel(robot).equals("6 h"));
        robot.moveTo(onScreen(gate.centreX(), gate.centreY()));
        robot.scroll(1, VerticalDirection.UP);
        waitFor(Duration.ofSeconds(5), () -> !zoomLabel(robot).equals("6 h"));
        assertThat(zoomLabel(robot)).isIn("3 h", "12 h");
        for (int i = 0; i < 12; i++) {
            robot.clickOn("#timeline-zoom-in");
        }
        waitFor(Duration.ofSeconds(5), () -> zoomLabel(robot).equals("1 min"));
        robot.clickOn("#timeline-zoom-out");
        waitFor(Duration.ofSeconds(5), () -> zoomLabel(robot).equals("5 min"));

        robot.clickOn("#timeline-toggle");
        waitFor(Duration.ofSeconds(5), () -> fx(() -> timeline().getScene() == null));
    }
}
