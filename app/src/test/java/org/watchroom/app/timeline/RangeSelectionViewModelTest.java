package org.watchroom.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.app.wall.DirectTaskExecutor;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.EnginePorts;
import org.watchroom.core.evidence.RangeRequest;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.NewEvent;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentClose;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.testing.People;

/**
 * Selecting a time range on the timeline for export, against a real H2 file and the timeline's ViewModel without a
 * Stage: ends in order whichever way the mouse went, each moment clamped to the view and to now, Shift+click begins
 * and extends, Esc clears, which cameras a range is for, and whether the export opens (footage) or says why not (a
 * gap, a segment still being written, nothing selected, a role that may not export).
 */
class RangeSelectionViewModelTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Clock CLOCK = Clock.fixed(at("2026-06-10T15:00"), BERLIN);
    @TempDir
    Path dataDir;
    private Database db;
    private Engine engine;
    private TimelineViewModel vm;
    private RangeSelectionViewModel range;
    private long gate;
    private long yard;
    private long lobby;
    private final List<RangeSelection> exported = new ArrayList<>();

    @BeforeEach
    void open() {
        db = Database.open(dataDir);
        engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty());
        CameraStore cameras = new CameraStore(db);
        gate = cameras.add(Camera.create("Gate", "rtsp://gate/1", null, null), People.ADMIN).id();
        yard = cameras.add(Camera.create("Yard", "rtsp://yard/1", null, null), People.ADMIN).id();
        lobby = cameras.add(Camera.create("Lobby", "rtsp://lobby/1", null, null), People.ADMIN).id();
        vm = new TimelineViewModel(EnginePorts.of(engine), new DirectTaskExecutor(), CLOCK, Duration.ZERO);
        range = vm.rangeSelection();
        range.setOnExport(exported::add);
    }

    @AfterEach
    void close() {
        vm.close();
        engine.close();
        db.close();
    }

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    private Strip strip(long id) {
        return vm.strips().stream().filter(s -> Long.valueOf(id).equals(s.cameraId())).findFirst().orElseThrow();
    }

    /** Shows one hour, 10:00 to 11:00 on 10 June. */
    private void showTenToEleven() {
        for (int i = 0; i < 4; i++) {
            vm.zoomIn(0.5); // 24 h → 12, 6, 3, 1 h
        }
        vm.centreOn(at("2026-06-10T10:30"));
        assertThat(vm.scaleProperty().get().viewStart()).isEqualTo(at("2026-06-10T10:00"));
        assertThat(vm.scaleProperty().get().span()).isEqualTo(Duration.ofHours(1));
    }

    /** A segment row of {@code camera} (the store's index is all the check before an export reads). */
    private void segment(long camera, String start, String end) {
        SegmentStore store = new SegmentStore(db);
        Segment s = store.open(camera, "cam" + camera, dataDir.resolve("recordings").resolve(camera + "-"
                + start.replace(':', '-') + ".mp4"), at(start));
        if (end != null) {
            store.close(s.id(), new SegmentClose(at(end), Duration.between(at(start), at(end)), 1000, "a".repeat(64),
                    Segment.NO_PREVIOUS, "h264", true, false));
        }
    }

    @Test
    void theEndsAreInOrderWhicheverWayTheMouseWentAndEachMomentIsRoundedAndClampedToTheViewAndToNow() {
        showTenToEleven();
        assertThat(range.rangeProperty().get()).isNull();
        assertThat(range.textProperty().get()).isEmpty();

        range.begin(strip(gate), at("2026-06-10T10:20"));
        RangeSelection begun = range.rangeProperty().get();
        assertThat(begun.isEmpty()).as("only the start, before the mouse moves").isTrue();
        assertThat(begun.cameras()).containsExactly(strip(gate));

        range.dragTo(at("2026-06-10T10:05:00.400")); // leftwards: the press is the end; to the nearest second
        assertThat(range.rangeProperty().get().from()).isEqualTo(at("2026-06-10T10:05"));
        assertThat(range.rangeProperty().get().to()).isEqualTo(at("2026-06-10T10:20"));
        range.dragTo(at("2026-06-10T10:34:59.600")); // back past the press: the press is the start again
        assertThat(range.rangeProperty().get().from()).isEqualTo(at("2026-06-10T10:20"));
        assertThat(range.rangeProperty().get().to()).isEqualTo(at("2026-06-10T10:35"));
        assertThat(range.rangeProperty().get().length()).isEqualTo(Duration.ofMinutes(15));
        assertThat(range.textProperty().get()).isEqualTo("Gate · 10:20:00 – 10:35:00 (15 min) · E export · Esc clear");

        range.dragTo(at("2026-06-10T12:40")); // past the right edge of the view
        assertThat(range.rangeProperty().get().to()).as("clamped to the view's end").isEqualTo(at("2026-06-10T11:00"));
        range.dragTo(at("2026-06-10T08:00")); // past the left edge
        assertThat(range.rangeProperty().get().from()).as("clamped to the view's start").isEqualTo(at("2026-06-10T10:00"));
        assertThat(range.rangeProperty().get().to()).isEqualTo(at("2026-06-10T10:20"));

        // a view over now (15:00): nothing after now is selected
        vm.centreOn(at("2026-06-10T15:00"));
        range.begin(strip(gate), at("2026-06-10T14:50"));
        range.dragTo(at("2026-06-10T15:20"));
        assertThat(range.rangeProperty().get().to()).as("clamped to now").isEqualTo(at("2026-06-10T15:00"));
        assertThat(range.rangeProperty().get().from()).isEqualTo(at("2026-06-10T14:50"));
    }

    @Test
    void shiftClicksBeginAndExtendARangeAcrossAPanAndEscClearsIt() {
        showTenToEleven();
        range.extend(strip(yard), at("2026-06-10T10:50")); // no range yet: a start
        assertThat(range.rangeProperty().get().isEmpty()).isTrue();
        assertThat(range.textProperty().get()).isEqualTo("Yard · from 10:50:00 · Shift+click the end · Esc clear");
        range.export();
        assertThat(exported).isEmpty();
        assertThat(range.noticeProperty().get()).contains("Shift+click where the range ends");

        vm.pan(1); // 11:00 – 12:00: the start is out of view now and stays
        range.extend(strip(gate), at("2026-06-10T11:10"));
        RangeSelection r = range.rangeProperty().get();
        assertThat(r.from()).isEqualTo(at("2026-06-10T10:50"));
        assertThat(r.to()).isEqualTo(at("2026-06-10T11:10"));
        assertThat(r.cameras()).as("the range's cameras stay").containsExactly(strip(yard));
        range.extend(strip(yard), at("2026-06-10T11:40")); // beyond the end: the end moves
        assertThat(range.rangeProperty().get().to()).isEqualTo(at("2026-06-10T11:40"));
        range.extend(strip(yard), at("2026-06-10T11:05")); // inside, nearer the start: the start moves
        assertThat(range.rangeProperty().get().from()).isEqualTo(at("2026-06-10T11:05"));
        assertThat(range.rangeProperty().get().to()).isEqualTo(at("2026-06-10T11:40"));
        range.extend(strip(yard), at("2026-06-10T12:30")); // right of the view: clamped to its end
        assertThat(range.rangeProperty().get().to()).isEqualTo(at("2026-06-10T12:00"));

        assertThat(range.clear()).as("Esc clears a range").isTrue();
        assertThat(range.rangeProperty().get()).isNull();
        assertThat(range.textProperty().get()).isEmpty();
        assertThat(range.noticeProperty().get()).isEmpty();
        assertThat(range.clear()).as("a second Esc has nothing to clear (and goes on to the window)").isFalse();
        range.export();
        assertThat(exported).isEmpty();
        assertThat(range.noticeProperty().get()).contains("Hold Shift and drag");
    }

    @Test
    void aRangeDraggedOnAPickedCameraIsForAllPickedOnesAndFollowsThePicks() {
        showTenToEleven();
        vm.toggleSelected(strip(gate));
        vm.toggleSelected(strip(yard));
        range.begin(strip(lobby), at("2026-06-10T10:10"));
        range.dragTo(at("2026-06-10T10:20"));
        assertThat(range.rangeProperty().get().cameras()).as("Lobby is not picked: only Lobby")
                .containsExactly(strip(lobby));

        range.begin(strip(yard), at("2026-06-10T10:10"));
        range.dragTo(at("2026-06-10T10:20"));
        assertThat(range.rangeProperty().get().cameras()).containsExactly(strip(gate), strip(yard));
        assertThat(range.textProperty().get()).startsWith("Gate, Yard · ");
        vm.toggleSelected(strip(lobby));
        assertThat(range.rangeProperty().get().cameras()).containsExactly(strip(gate), strip(yard), strip(lobby));
        vm.toggleSelected(strip(yard)); // the strip it was dragged on is no longer picked: that camera alone
        assertThat(range.rangeProperty().get().cameras()).containsExactly(strip(yard));
        assertThat(range.rangeProperty().get().from()).as("the times stay").isEqualTo(at("2026-06-10T10:10"));

        RangeRequest request = range.rangeProperty().get().request();
        assertThat(request.cameraIds()).containsExactly(yard);
        assertThat(request.from()).isEqualTo(at("2026-06-10T10:10"));
        assertThat(request.to()).isEqualTo(at("2026-06-10T10:20"));
        assertThat(request.segmentFiles()).isFalse();

        // a strip known only from events (a removed camera) has no recording to export
        engine.events().create(new NewEvent(null, "Old door", "person", at("2026-06-10T10:30"), 0.9f, null, null));
        vm.reload();
        Strip old = vm.strips().stream().filter(s -> s.cameraId() == null).findFirst().orElseThrow();
        range.clear();
        range.begin(old, at("2026-06-10T10:30"));
        assertThat(range.rangeProperty().get()).isNull();
        assertThat(range.noticeProperty().get()).contains("Old door is not a configured camera");
    }

    @Test
    void theExportOpensOnlyForARangeHoldingFinishedFootageAndOnlyForRolesThatMayExport() {
        segment(gate, "2026-06-10T10:10", "2026-06-10T10:11");
        segment(gate, "2026-06-10T10:11", "2026-06-10T10:12");
        segment(gate, "2026-06-10T10:40", null); // still being written
        showTenToEleven();

        // over the gap between 10:12 and 10:40: says so, opens nothing
        range.begin(strip(gate), at("2026-06-10T10:15"));
        range.dragTo(at("2026-06-10T10:30"));
        range.export();
        assertThat(exported).isEmpty();
        assertThat(range.noticeProperty().get())
                .isEqualTo("Nothing was recorded by Gate at 10:15:00 – 10:30:00 (15 min): there is nothing to export.");

        // over the segment still being written only
        range.begin(strip(gate), at("2026-06-10T10:45"));
        range.dragTo(at("2026-06-10T10:50"));
        range.export();
        assertThat(exported).isEmpty();
        assertThat(range.noticeProperty().get()).contains("still being written");

        // across the boundary of two finished segments: the export opens with the range
        range.begin(strip(gate), at("2026-06-10T10:10:30"));
        range.dragTo(at("2026-06-10T10:11:30"));
        range.export();
        assertThat(exported).singleElement().isEqualTo(range.rangeProperty().get());
        assertThat(range.noticeProperty().get()).isEmpty();

        // two cameras, one of them with footage: the export opens (the package says the other recorded nothing)
        vm.toggleSelected(strip(gate));
        vm.toggleSelected(strip(yard));
        assertThat(range.rangeProperty().get().cameras()).as("dragged on Gate, now picked with Yard")
                .containsExactly(strip(gate), strip(yard));
        range.export();
        assertThat(exported).hasSize(2);
        assertThat(exported.getLast().cameras()).containsExactly(strip(gate), strip(yard));

        // a role without export: E does nothing, not even a notice, and the text does not offer it
        range.exportAllowedProperty().set(false);
        assertThat(range.textProperty().get()).doesNotContain("E export").endsWith("Esc clear");
        range.export();
        assertThat(exported).hasSize(2);
    }
}
