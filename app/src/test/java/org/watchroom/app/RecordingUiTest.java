package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.DatePicker;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.watchroom.app.review.RecordingViewModel;
import org.watchroom.app.timeline.Coverage;
import org.watchroom.app.timeline.Strip;
import org.watchroom.app.timeline.TimelineLayout;
import org.watchroom.app.timeline.TimelineView;
import org.watchroom.core.auth.Role;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.playback.PlayerState;
import org.watchroom.core.playback.RecordingReader;
import org.watchroom.core.playback.TestSegments;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.Segment;
import org.watchroom.core.testing.People;

/**
 * Scrubbing and playing continuous recordings in the real workstation window on Monocle, with real segments cut from
 * vtest.mp4 around last midnight (local time): camera Gate recorded A and B before midnight, was offline for 8 s up to
 * midnight (a stored gap), then recorded C (the first 6 s after midnight) and D; camera Yard recorded straight across
 * midnight. Each frame's wall time is midnight − 20 s + its time in vtest.mp4, at 10 frames a second.
 */
@ExtendWith(ApplicationExtension.class)
@UiTest
class RecordingUiTest {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.S");
    private final ZoneId zone = ZoneId.systemDefault();
    private Workstation workstation;
    private Instant midnight;
    private List<Segment> gate;
    private long gateId;
    private long yardId;
    private long gapId;

    @Start
    void start(Stage stage) throws Exception {
        Path dataDir = Files.createTempDirectory("watchroom-recording-ui");
        workstation = Workstation.open(new LaunchOptions(dataDir, false, Optional.empty()));
        var db = workstation.engine().database();
        CameraStore cameras = new CameraStore(db);
        // not enabled: nothing connects; its recording is what is there
        gateId = cameras.add(Camera.create("Gate", "rtsp://127.0.0.1:9/gate", null, null).withEnabled(false), People.ADMIN).id();
        yardId = cameras.add(Camera.create("Yard", "rtsp://127.0.0.1:9/yard", null, null).withEnabled(false), People.ADMIN).id();
        midnight = LocalDate.now(zone).atStartOfDay(zone).toInstant();
        Instant t0 = midnight.minusSeconds(20);
        gate = TestSegments.cut(db, gateId, "Gate", dataDir, t0,
                new double[] {0, 6}, new double[] {6, 12}, new double[] {20, 26}, new double[] {26, 40});
        gapId = new GapStore(db).add(gateId, gate.get(1).endedAt(), gate.get(2).startedAt(), RecordingGap.Reason.OFFLINE,
                "connection refused");
        TestSegments.cut(db, yardId, "Yard", dataDir, t0, new double[] {10, 40});
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        RecordingViewModel recording = fx(() -> workstation.window().recordingModel());
        var group = fx(recording::group);
        UiTests.closeOnFx(workstation);
        assertThat(group == null || !group.running()).as("no player thread left after closing").isTrue();
    }

    private TimelineView timeline() {
        return workstation.window().timeline();
    }

    private TimelineLayout layout() {
        return fx(() -> timeline().drawnLayout());
    }

    private Point2D onScreen(double x, double y) {
        return fx(() -> timeline().canvas().localToScreen(x, y));
    }

    private static boolean near(int argb, int rgb) {
        return Math.abs(((argb >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= 40
                && Math.abs(((argb >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= 40
                && Math.abs((argb & 0xff) - (rgb & 0xff)) <= 40;
    }

    private int bandRgb(BufferedImage canvas, TimelineLayout layout, int strip, Instant at) {
        double y = layout.stripTop(strip) + TimelineLayout.STRIP_HEIGHT - 3 - TimelineLayout.COVERAGE_HEIGHT / 2;
        return canvas.getRGB((int) Math.round(layout.xOf(at)), (int) Math.round(y));
    }

    private String clock(int tile) {
        return fx(() -> workstation.window().recording().clock(tile).getText());
    }

    private Instant clockTime(int tile) {
        String text = clock(tile);
        return text.isEmpty() ? null : LocalDateTime.parse(text, CLOCK).atZone(zone).toInstant();
    }

    private BufferedImage tile(int index) {
        return fx(() -> UiTests.toBuffered(workstation.window().recording().surface(index).snapshot(null, null)));
    }

    private static long differingPixels(BufferedImage a, BufferedImage b) {
        long n = 0;
        for (int y = 0; y < Math.min(a.getHeight(), b.getHeight()); y++) {
            for (int x = 0; x < Math.min(a.getWidth(), b.getWidth()); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    @SuppressWarnings("ObjectToString") // the failure message only needs to tell null from a layout
    void theTimelineScrubsAcrossMidnightShowsTheGapAndAClickPlaysThatMomentAcrossASegmentBoundary(FxRobot robot)
            throws Exception {
        UiTests.signIn(workstation, Role.OPERATOR);
        robot.clickOn("#timeline-toggle");
        try {
            waitFor(Duration.ofSeconds(15), () -> fx(() -> timeline().drawnLayout() != null
                    && timeline().canvas().getWidth() > 600 && timeline().drawnLayout().strips().size() == 2
                    && timeline().model().coverageProperty().get().containsKey(gateId)));
        } catch (AssertionError e) {
            throw new AssertionError(fx(() -> "layout " + timeline().drawnLayout() + " width " + timeline().canvas().getWidth()
                    + " strips " + (timeline().drawnLayout() == null ? null : timeline().drawnLayout().strips())
                    + " coverage " + timeline().model().coverageProperty().get() + " error "
                    + timeline().model().errorProperty().get() + " scale " + timeline().model().scaleProperty().get()), e);
        }
        assertThat(fx(() -> timeline().model().zoomLabelProperty().get())).isEqualTo("24 h");
        assertThat(layout().strips()).extracting(Strip::name).containsExactly("Gate", "Yard");

        // zoom in to one minute with the wheel at the left edge of today (midnight stays there), ...
        Point2D left = onScreen(TimelineLayout.LABEL_WIDTH - 0.5, TimelineLayout.AXIS_HEIGHT + 10); // fraction 0
        robot.moveTo(left);
        robot.scroll(1, VerticalDirection.UP);
        Thread.sleep(200);
        // which way the wheel turns for "up" depends on the platform (TimelineUiTest): at 24 h only "in" moves
        VerticalDirection in = fx(() -> timeline().model().zoomLabelProperty().get()).equals("24 h")
                ? VerticalDirection.DOWN : VerticalDirection.UP;
        for (int i = 0; i < 10; i++) {
            robot.scroll(1, in);
        }
        waitFor(Duration.ofSeconds(10), () -> fx(() -> timeline().model().zoomLabelProperty().get()).equals("1 min"));
        assertThat(Duration.between(midnight, fx(() -> timeline().model().scaleProperty().get().viewStart())).abs())
                .isLessThan(Duration.ofSeconds(1));
        // ... then drag to the right, into yesterday evening: the view is across midnight now
        TimelineLayout atMidnight = layout();
        double plot = atMidnight.plotWidth();
        double y = atMidnight.stripTop(0) + 8;
        robot.drag(onScreen(TimelineLayout.LABEL_WIDTH + plot * 0.2, y), MouseButton.PRIMARY)
                .moveTo(onScreen(TimelineLayout.LABEL_WIDTH + plot * 0.5, y))
                .moveTo(onScreen(TimelineLayout.LABEL_WIDTH + plot * 0.8, y)).release(MouseButton.PRIMARY);
        waitFor(Duration.ofSeconds(10), () -> fx(() -> timeline().model().scaleProperty().get().middle()
                .isBefore(midnight.minusSeconds(2))));
        assertThat(fx(() -> ((DatePicker) robot.lookup("#timeline-date").query()).getValue()))
                .as("the date picker follows the view into yesterday").isEqualTo(LocalDate.now(zone).minusDays(1));
        assertThat(fx(() -> timeline().model().zoomLabelProperty().get())).as("the zoom stays").isEqualTo("1 min");
        waitFor(Duration.ofSeconds(10), () -> fx(() -> timeline().model().coverageProperty().get().get(gateId).runs()
                .stream().anyMatch(r -> r.to().isBefore(midnight))));

        // the bands: footage before midnight (B), the offline gap, footage after midnight (C), on both days
        TimelineLayout across = layout();
        BufferedImage canvas = UiTests.toBuffered(fx(() -> timeline().canvas().snapshot(null, null)));
        Path shot = Path.of("target", "screenshots", "timeline-across-midnight.png");
        Files.createDirectories(shot.getParent());
        ImageIO.write(canvas, "png", shot.toFile());
        int footage = Coverage.rgb(Coverage.FOOTAGE_COLOUR);
        int offline = Coverage.rgb(Coverage.colour(RecordingGap.Reason.OFFLINE));
        assertThat(near(bandRgb(canvas, across, 0, midnight.minusSeconds(11)), footage)).as("B, yesterday").isTrue();
        assertThat(near(bandRgb(canvas, across, 0, midnight.minusSeconds(4)), offline)).as("the gap").isTrue();
        assertThat(near(bandRgb(canvas, across, 0, midnight.plusSeconds(3)), footage)).as("C, today").isTrue();
        assertThat(near(bandRgb(canvas, across, 1, midnight.minusSeconds(4)), footage)).as("Yard recorded then").isTrue();

        // hovering the gap says why
        TimelineLayout.Band gap = across.bandOfGap(gapId).orElseThrow();
        robot.moveTo(onScreen(gap.centreX(), gap.centreY()));
        waitFor(Duration.ofSeconds(5), () -> fx(() -> timeline().tooltip().isShowing()));
        assertThat(fx(() -> timeline().tooltip().getText())).contains("Not recorded").contains("Camera offline")
                .contains("connection refused").contains(" s)");

        // a click in the gap plays the next recorded moment (C's first frame, at midnight) and says so
        robot.clickOn(onScreen(gap.centreX(), across.stripTop(0) + 8));
        waitFor(Duration.ofSeconds(15), () -> fx(() -> workstation.window().recording().isVisible())
                && midnight.equals(clockTime(0)));
        waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().recordingModel().tiles().getFirst()
                .messageProperty().get()).contains("Nothing recorded at"));
        assertThat(fx(() -> workstation.window().recordingModel().tiles().getFirst().messageProperty().get()))
                .contains("camera offline").contains("next recorded moment");

        // a click 4 s after midnight plays that moment: the frame there, paused
        Instant clicked = across.timeAt(across.xOf(midnight.plusSeconds(4)));
        robot.clickOn(onScreen(across.xOf(midnight.plusSeconds(4)), across.stripTop(0) + 8));
        waitFor(Duration.ofSeconds(15), () -> {
            Instant shown = clockTime(0);
            return shown != null && Duration.between(clicked, shown).abs().toMillis() <= 100;
        });
        waitFor(Duration.ofSeconds(5), () -> fx(() -> workstation.window().recordingModel().tiles().getFirst()
                .stateProperty().get()) instanceof PlayerState.Paused);
        Thread.sleep(300); // a pulse or two
        Instant start = clockTime(0);
        assertThat(fx(() -> workstation.window().recordingModel().tiles().getFirst().messageProperty().get()))
                .as("the moment asked for").isEmpty();
        assertThat(fx(() -> timeline().model().playheadProperty().get())).as("the white line on the timeline")
                .isNotNull();
        BufferedImage before = tile(0);

        // play: it crosses from C into D (at 6 s after midnight) and goes on
        robot.clickOn("#recording-play");
        Instant boundary = gate.get(3).startedAt();
        waitFor(Duration.ofSeconds(20), () -> {
            Instant shown = clockTime(0);
            return shown != null && shown.isAfter(boundary.plusSeconds(1));
        });
        BufferedImage after = tile(0);
        robot.clickOn("#recording-play"); // pause
        waitFor(Duration.ofSeconds(5), () -> fx(() -> !workstation.window().recordingModel().playingProperty().get()));
        assertThat(clockTime(0)).isAfter(start);
        ImageIO.write(before, "png", Path.of("target", "screenshots", "recording-before.png").toFile());
        ImageIO.write(after, "png", Path.of("target", "screenshots", "recording-after.png").toFile());
        ImageIO.write(UiTests.toBuffered(fx(() -> workstation.window().stage().getScene().snapshot(null))),
                "png", Path.of("target", "screenshots", "recording-window.png").toFile());
        assertThat(differingPixels(before, after)).as("the picture moved on").isGreaterThan(1000);
        assertThat(fx(() -> workstation.window().recording().time().getText())).as("the group's time")
                .startsWith(CLOCK.format(boundary.atZone(zone)).substring(0, 16));
        long crossed = fx(() -> workstation.window().recordingModel().group().players().getFirst().positionMicros());
        assertThat(crossed).isGreaterThan(RecordingReader.micros(boundary));

        // 2x2: Gate and Yard picked by their names play together at one time
        robot.clickOn(onScreen(20, across.stripTop(0) + TimelineLayout.STRIP_HEIGHT / 2));
        robot.clickOn(onScreen(20, across.stripTop(1) + TimelineLayout.STRIP_HEIGHT / 2));
        waitFor(Duration.ofSeconds(5), () -> fx(() -> timeline().model().selected().size() == 2));
        robot.clickOn("#timeline-play-together");
        waitFor(Duration.ofSeconds(15), () -> fx(() -> workstation.window().recordingModel().tiles().size() == 2)
                && clockTime(0) != null && clockTime(1) != null && clockTime(0).equals(clockTime(1)));
        robot.clickOn("#recording-play");
        waitFor(Duration.ofSeconds(20), () -> clockTime(1) != null && clockTime(1).isAfter(boundary.plusSeconds(3)));
        robot.clickOn("#recording-play");
        waitFor(Duration.ofSeconds(5), () -> fx(() -> !workstation.window().recordingModel().playingProperty().get()));
        Thread.sleep(300);
        assertThat(Duration.between(clockTime(0), clockTime(1)).abs().toMillis()).as("one time on both")
                .isLessThanOrEqualTo(300);
        ImageIO.write(UiTests.toBuffered(fx(() -> workstation.window().stage().getScene().snapshot(null))),
                "png", Path.of("target", "screenshots", "recording-together.png").toFile());

        robot.clickOn("#recording-live");
        waitFor(Duration.ofSeconds(5), () -> fx(() -> !workstation.window().recording().isVisible()
                && workstation.window().review().isVisible()));
        assertThat(fx(() -> timeline().model().playheadProperty().get())).isNull();
    }
}
