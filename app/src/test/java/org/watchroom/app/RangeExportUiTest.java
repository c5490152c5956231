package org.watchroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchroom.app.UiTests.fx;
import static org.watchroom.app.UiTests.waitFor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.watchroom.app.timeline.RangeSelection;
import org.watchroom.app.timeline.Strip;
import org.watchroom.app.timeline.TimelineLayout;
import org.watchroom.app.timeline.TimelineView;
import org.watchroom.core.audit.AuditEntry;
import org.watchroom.core.audit.AuditLog;
import org.watchroom.core.auth.Role;
import org.watchroom.core.cli.WatchroomCli.LaunchOptions;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.evidence.EvidenceExporter;
import org.watchroom.core.playback.TestSegments;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.MediaPackets;
import org.watchroom.core.testing.People;

/**
 * A time range selected on the timeline and exported as evidence, in the real workstation window on Monocle with real
 * segments cut from vtest.mp4 (H.264, 10 fps, a keyframe every 2 s) around last midnight (local time): camera Gate
 * recorded A and B before midnight, was offline for the 8 s up to midnight (a stored gap), then recorded C and D;
 * camera Yard recorded three segments straight across midnight (boundaries at 10 s before and 4 s after it). Wall time
 * of a frame is midnight − 20 s + its time in vtest.mp4. The folder chooser cannot open on Monocle: the window is
 * given the folder a guard would pick; everything after it (dialog, exporter, audit) is the workstation's own.
 */
@ExtendWith(ApplicationExtension.class)
@UiTest
class RangeExportUiTest {
    /** vtest.mp4's keyframe interval: a cut starts at the keyframe at or before the start asked for. */
    private static final double GOP_SECONDS = 2.0;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ZoneId zone = ZoneId.systemDefault();
    @TempDir
    Path dir;
    private Workstation workstation;
    private Instant midnight;
    private long gateId;
    private long yardId;
    private final List<String> chooserTitles = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        Path dataDir = dir.resolve("data");
        workstation = Workstation.open(new LaunchOptions(dataDir, false, Optional.empty()));
        var db = workstation.engine().database();
        CameraStore cameras = new CameraStore(db);
        // not enabled: nothing connects; its recording is what is there
        gateId = cameras.add(Camera.create("Gate", "rtsp://127.0.0.1:9/gate", null, null).withEnabled(false), People.ADMIN).id();
        yardId = cameras.add(Camera.create("Yard", "rtsp://127.0.0.1:9/yard", null, null).withEnabled(false), People.ADMIN).id();
        midnight = LocalDate.now(zone).atStartOfDay(zone).toInstant();
        Instant t0 = midnight.minusSeconds(20);
        var gate = TestSegments.cut(db, gateId, "Gate", dataDir, t0,
                new double[] {0, 6}, new double[] {6, 12}, new double[] {20, 26}, new double[] {26, 40});
        new GapStore(db).add(gateId, gate.get(1).endedAt(), gate.get(2).startedAt(), RecordingGap.Reason.OFFLINE,
                "connection refused");
        TestSegments.cut(db, yardId, "Yard", dataDir, t0, new double[] {0, 10}, new double[] {10, 24},
                new double[] {24, 40});
        workstation.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        UiTests.closeOnFx(workstation);
    }

    private TimelineView timeline() {
        return workstation.window().timeline();
    }

    private TimelineLayout layout() {
        return fx(() -> timeline().drawnLayout());
    }

    private RangeSelection range() {
        return fx(() -> timeline().model().rangeSelection().rangeProperty().get());
    }

    private Point2D onScreen(double x, double y) {
        return fx(() -> timeline().canvas().localToScreen(x, y));
    }

    private String text(String id, FxRobot robot) {
        return fx(() -> robot.lookup(id).queryAs(Labeled.class).getText());
    }

    /** Exports go to {@code folder}, and each time the chooser would have opened is counted. */
    private void exportsGoTo(Path folder) {
        fx(() -> {
            workstation.window().setExportFolder((owner, title) -> {
                chooserTitles.add(title);
                return Optional.of(folder);
            });
            return null;
        });
    }

    /** Opens the timeline and shows one minute around midnight: yesterday's last 30 s and today's first. */
    private TimelineLayout minuteAroundMidnight(FxRobot robot) throws InterruptedException {
        robot.clickOn("#timeline-toggle");
        waitFor(Duration.ofSeconds(15), () -> fx(() -> timeline().drawnLayout() != null
                && timeline().canvas().getWidth() > 600 && timeline().drawnLayout().strips().size() == 2));
        fx(() -> {
            for (int i = 0; i < 8; i++) {
                timeline().model().zoomIn(0.5); // 24 h … 1 min
            }
            timeline().model().centreOn(midnight);
            return null;
        });
        waitFor(Duration.ofSeconds(10), () -> fx(() -> timeline().drawnLayout().scale().span().equals(Duration.ofMinutes(1))
                && timeline().drawnLayout().scale().middle().equals(midnight)
                && timeline().model().coverageProperty().get().containsKey(gateId)));
        TimelineLayout layout = layout();
        assertThat(layout.strips()).extracting(Strip::name).containsExactly("Gate", "Yard");
        return layout;
    }

    /** Shift+drag on {@code strip} from {@code from} to {@code to}, as a guard does it. */
    private void shiftDrag(FxRobot robot, TimelineLayout layout, int strip, Instant from, Instant to) {
        double y = layout.stripTop(strip) + 10;
        double x0 = layout.xOf(from);
        double x1 = layout.xOf(to);
        robot.press(KeyCode.SHIFT);
        try {
            robot.drag(onScreen(x0, y), MouseButton.PRIMARY)
                    .moveTo(onScreen((x0 * 2 + x1) / 3, y))
                    .moveTo(onScreen((x0 + x1 * 2) / 3, y))
                    .moveTo(onScreen(x1, y))
                    .release(MouseButton.PRIMARY);
        } finally {
            robot.release(KeyCode.SHIFT);
        }
    }

    private List<AuditEntry> exportRows() {
        return new AuditLog(workstation.engine().database().jdbi()).recent(50).stream()
                .filter(e -> e.action().equals(EvidenceExporter.AUDIT_ACTION)).toList();
    }

    /** Seconds from the first decode time to the end of the last picture, as a player counts the file's length. */
    private static double seconds(Path mp4) {
        List<MediaPackets.Packet> packets = MediaPackets.of(mp4);
        double last = packets.stream().mapToDouble(MediaPackets.Packet::pts).max().orElseThrow();
        return last + 0.1 - packets.getFirst().dts();
    }

    private static int blue(int argb) { return argb & 0xff; }

    @Test
    void aRangeShiftDraggedAcrossMidnightAndSegmentBoundariesExportsAPackageThatVerifiesAndIsAudited(FxRobot robot)
            throws Exception {
        var supervisor = UiTests.signIn(workstation, Role.SUPERVISOR);
        Path chosen = Files.createDirectories(dir.resolve("case"));
        exportsGoTo(chosen);
        TimelineLayout layout = minuteAroundMidnight(robot);
        assertThat(fx(() -> robot.lookup("#timeline-export").queryAs(Button.class).isVisible())).isTrue();
        assertThat(fx(() -> robot.lookup("#timeline-export").queryAs(Button.class).isDisabled()))
                .as("nothing selected yet").isTrue();

        // Gate and Yard picked by their names; the range dragged on Gate is for both
        robot.clickOn(onScreen(20, layout.stripTop(0) + TimelineLayout.STRIP_HEIGHT / 2));
        robot.clickOn(onScreen(20, layout.stripTop(1) + TimelineLayout.STRIP_HEIGHT / 2));
        waitFor(Duration.ofSeconds(5), () -> fx(() -> timeline().model().selected().size() == 2));
        Instant from = midnight.minusSeconds(15);
        Instant to = midnight.plusSeconds(15);
        shiftDrag(robot, layout, 0, from, to);
        waitFor(Duration.ofSeconds(5), () -> range() != null && !range().isEmpty());
        RangeSelection selected = range();
        // a pixel is about 50 ms at this zoom: the ends, rounded to the second, are where the mouse went
        assertThat(selected.from()).isEqualTo(from);
        assertThat(selected.to()).isEqualTo(to);
        assertThat(selected.cameras()).extracting(Strip::name).containsExactly("Gate", "Yard");
        assertThat(fx(() -> timeline().model().playheadProperty().get())).as("a Shift+drag plays nothing").isNull();
        String yesterday = LocalDate.now(zone).minusDays(1).toString();
        assertThat(text("#timeline-range", robot)).isEqualTo("Gate, Yard · " + yesterday + " 23:59:45 – "
                + LocalDate.now(zone) + " 00:00:15 (30 s) · E export · Esc clear");

        // the band: translucent blue over both strips between the ends, not outside them
        BufferedImage canvas = UiTests.toBuffered(fx(() -> timeline().canvas().snapshot(null, null)));
        Path shot = Path.of("target", "screenshots", "timeline-range.png");
        Files.createDirectories(shot.getParent());
        ImageIO.write(canvas, "png", shot.toFile());
        for (int strip = 0; strip < 2; strip++) {
            int y = (int) Math.round(layout.stripTop(strip) + 20);
            int inside = canvas.getRGB((int) Math.round(layout.xOf(midnight.minusSeconds(5))), y);
            int outside = canvas.getRGB((int) Math.round(layout.xOf(midnight.minusSeconds(25))), y);
            int after = canvas.getRGB((int) Math.round(layout.xOf(midnight.plusSeconds(25))), y);
            assertThat(blue(inside) - blue(outside)).as("strip " + strip + " is blue inside the range").isGreaterThan(40);
            assertThat(Math.abs(blue(after) - blue(outside))).as("and not after it").isLessThan(12);
        }

        // E: the folder (given), the dialog with progress, the result
        fx(() -> {
            timeline().canvas().requestFocus();
            return null;
        });
        robot.type(KeyCode.E);
        waitFor(Duration.ofSeconds(10), () -> !chooserTitles.isEmpty());
        assertThat(chooserTitles.getFirst()).startsWith("Export the recordings of Gate, Yard");
        waitFor(Duration.ofSeconds(60), () -> fx(() -> robot.lookup("#export-close").tryQueryAs(Button.class)
                .map(b -> !b.isDisabled()).orElse(false)));
        String message = text("#export-message", robot);
        assertThat(message).as(message).startsWith("Exported the recordings of Gate, Yard, ")
                .contains("to " + chosen + " and case.zip")
                .contains("· Gate: recordings/camera-" + gateId + ".mp4")
                .contains("· Yard: recordings/camera-" + yardId + ".mp4")
                .contains("the export is in the audit log");
        String manifestSha = Sha256.of(chosen.resolve("manifest.json"));
        assertThat(fx(() -> robot.lookup("#export-manifest").queryAs(TextField.class).getText())).isEqualTo(manifestSha);
        ImageIO.write(UiTests.toBuffered(fx(() -> robot.lookup("#export-pane").query().getScene()
                .snapshot(null))), "png", Path.of("target", "screenshots", "range-export-done.png").toFile());

        // the package: there, verified by the command line, each cut within one GOP of the range
        assertThat(dir.resolve("case.zip")).isRegularFile();
        Cli.Result verify = Cli.run("verify", chosen.toString());
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).startsWith("OK: ");
        double asked = selected.length().toMillis() / 1000.0;
        for (long camera : List.of(gateId, yardId)) {
            Path cut = chosen.resolve("recordings/camera-" + camera + ".mp4");
            assertThat(seconds(cut)).as("camera " + camera + "'s cut lasts the range, within one GOP")
                    .isBetween(asked - GOP_SECONDS, asked + GOP_SECONDS);
        }
        JsonNode yard = JSON.readTree(chosen.resolve("recordings/camera-" + yardId + ".json").toFile());
        assertThat(yard.get("segments")).as("the range crosses Yard's segment boundaries").hasSize(3);
        assertThat(yard.get("segments").get(1).get("link").asText()).isEqualTo("follows");
        assertThat(yard.get("segments").get(2).get("link").asText()).isEqualTo("follows");
        JsonNode gate = JSON.readTree(chosen.resolve("recordings/camera-" + gateId + ".json").toFile());
        assertThat(gate.get("gaps")).as("Gate's offline gap is in its document").hasSize(1);

        // the audit row: who, what, and the manifest's hash
        List<AuditEntry> rows = exportRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().actor()).isEqualTo(supervisor.userName());
        assertThat(rows.getFirst().detail()).contains("recordings of camera " + gateId + " (Gate), " + yardId + " (Yard)")
                .contains(selected.from().toString()).contains(manifestSha);

        // closed, back on the timeline: Esc clears the range
        robot.clickOn("#export-close");
        fx(() -> {
            timeline().canvas().requestFocus();
            return null;
        });
        robot.type(KeyCode.ESCAPE);
        waitFor(Duration.ofSeconds(5), () -> range() == null);
        assertThat(text("#timeline-range", robot)).isEmpty();
        assertThat(fx(() -> robot.lookup("#timeline-export").queryAs(Button.class).isDisabled())).isTrue();
    }

    @Test
    void anOperatorMaySelectARangeButIsNotOfferedItsExport(FxRobot robot) throws Exception {
        UiTests.signIn(workstation, Role.OPERATOR);
        exportsGoTo(Files.createDirectories(dir.resolve("case")));
        TimelineLayout layout = minuteAroundMidnight(robot);
        Button export = fx(() -> robot.lookup("#timeline-export").queryAs(Button.class));
        assertThat(fx(export::isVisible)).as("no Export range… for an operator").isFalse();
        assertThat(fx(export::isManaged)).isFalse();

        shiftDrag(robot, layout, 1, midnight.minusSeconds(10), midnight.plusSeconds(10));
        waitFor(Duration.ofSeconds(5), () -> range() != null && !range().isEmpty());
        assertThat(text("#timeline-range", robot)).startsWith("Yard · ").doesNotContain("export").endsWith("Esc clear");
        robot.type(KeyCode.E);
        robot.type(KeyCode.ESCAPE); // handled after E: once the range is gone, E has been handled too
        waitFor(Duration.ofSeconds(5), () -> range() == null);
        Thread.sleep(500); // what E might have started (it starts nothing) would have shown by now
        assertThat(chooserTitles).as("no folder asked for").isEmpty();
        assertThat(fx(() -> robot.lookup("#export-pane").tryQuery().isPresent())).as("no export dialog").isFalse();
        assertThat(text("#timeline-notice", robot)).isEmpty();
        assertThat(exportRows()).isEmpty();
    }

    @Test
    void aRangeOverAGapOnlySaysSoAndACancelledExportLeavesNothingBehind(FxRobot robot) throws Exception {
        UiTests.signIn(workstation, Role.SUPERVISOR);
        Path chosen = Files.createDirectories(dir.resolve("case"));
        exportsGoTo(chosen);
        TimelineLayout layout = minuteAroundMidnight(robot);

        // Gate was offline from 8 s before midnight to midnight: a range inside that has nothing to export
        shiftDrag(robot, layout, 0, midnight.minusSeconds(7), midnight.minusSeconds(1));
        waitFor(Duration.ofSeconds(5), () -> range() != null && !range().isEmpty());
        assertThat(range().cameras()).extracting(Strip::name).as("Gate alone: nothing is picked").containsExactly("Gate");
        robot.type(KeyCode.E);
        waitFor(Duration.ofSeconds(10), () -> !text("#timeline-notice", robot).isEmpty());
        String yesterday = LocalDate.now(zone).minusDays(1).toString();
        assertThat(text("#timeline-notice", robot)).isEqualTo("Nothing was recorded by Gate at " + yesterday
                + " 23:59:53 – " + yesterday + " 23:59:59 (6 s): there is nothing to export.");
        assertThat(chooserTitles).as("no folder asked for").isEmpty();
        assertThat(fx(() -> robot.lookup("#export-pane").tryQuery().isPresent())).as("no export dialog").isFalse();

        // a range with footage, exported and cancelled at once: nothing is left of it
        shiftDrag(robot, layout, 1, midnight.minusSeconds(20), midnight.plusSeconds(20));
        waitFor(Duration.ofSeconds(5), () -> range() != null && range().length().toSeconds() >= 30);
        assertThat(text("#timeline-notice", robot)).as("a new range, a clean slate").isEmpty();
        fx(() -> {
            // the chooser is the last step before the dialog opens and the export starts: Cancel is clicked in the
            // very next moment of the FX thread, while the export has barely begun (a click by the robot could come
            // after a range this small is done)
            workstation.window().setExportFolder((owner, title) -> {
                chooserTitles.add(title);
                cancelAsSoonAsTheFxThreadIsFree(robot);
                return Optional.of(chosen);
            });
            timeline().canvas().requestFocus();
            return null;
        });
        robot.type(KeyCode.E);
        waitFor(Duration.ofSeconds(10), () -> !chooserTitles.isEmpty());
        waitFor(Duration.ofSeconds(30), () -> fx(() -> robot.lookup("#export-message").tryQueryAs(Labeled.class)
                .map(Labeled::getText).orElse("")).startsWith("Export cancelled"));
        assertThat(fx(() -> robot.lookup("#export-close").queryAs(Button.class).isDisabled())).isFalse();
        assertThat(fx(() -> robot.lookup("#export-manifest").queryAs(TextField.class).getText())).isEmpty();
        try (Stream<Path> left = Files.list(chosen)) {
            assertThat(left.toList()).as("the chosen folder is as empty as it was").isEmpty();
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted().toList())
                    .as("no zip, no partial folder beside it").containsExactly("case", "data");
        }
        assertThat(exportRows()).as("nothing exported, nothing audited").isEmpty();
    }

    /** Clicks the export dialog's Cancel (its own action, as a click does) as soon as the FX thread is free again. */
    private static void cancelAsSoonAsTheFxThreadIsFree(FxRobot robot) {
        Platform.runLater(() -> robot.lookup("#export-cancel").queryAs(Button.class).fire());
    }
}
