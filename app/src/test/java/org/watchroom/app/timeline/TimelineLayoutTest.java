package org.watchroom.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.watchroom.core.store.EventStatus;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.TimelineEvent;

/** Where bars go and what a click hits, without JavaFX. */
class TimelineLayoutTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final TimelineScale DAY = TimelineScale.wholeDay(LocalDate.parse("2026-06-10"), BERLIN);
    private static final List<Strip> STRIPS = List.of(new Strip(1L, "Gate"), new Strip(2L, "Yard"), new Strip(null, "Demo"));
    private static final double WIDTH = TimelineLayout.LABEL_WIDTH + 1440; // one pixel per minute at 24 h

    private static Instant at(String time) {
        return LocalDateTime.parse("2026-06-10T" + time).atZone(BERLIN).toInstant();
    }

    private static TimelineEvent event(long id, Long camera, String name, String label, Instant start, Instant end) {
        return new TimelineEvent(id, camera, name, label, start, end, EventStatus.PENDING, 0.8f);
    }

    @Test
    void barsSitInTheirCamerasStripFromStartToEndAndAClickAtABarsPixelReturnsItsEvent() {
        List<TimelineEvent> events = List.of(
                event(10, 1L, "Gate", "person", at("06:00"), at("07:00")),
                event(11, 2L, "Yard", "car", at("12:00"), at("12:30")),
                event(12, null, "Demo", "face", at("18:00"), at("18:00:05")),
                event(13, null, "Other demo", "person", at("18:00"), at("19:00")));
        TimelineLayout layout = new TimelineLayout(STRIPS, events, DAY, WIDTH, at("23:00"));

        assertThat(layout.bars()).extracting(b -> b.event().id()).containsExactly(10L, 11L, 12L);
        Bar gate = layout.barOf(10).orElseThrow();
        assertThat(gate.strip()).isEqualTo(0);
        assertThat(gate.x0()).isEqualTo(TimelineLayout.LABEL_WIDTH + 360);
        assertThat(gate.x1()).isEqualTo(TimelineLayout.LABEL_WIDTH + 420);
        assertThat(gate.kind()).isEqualTo(LabelKind.PERSON);
        Bar yard = layout.barOf(11).orElseThrow();
        assertThat(yard.strip()).isEqualTo(1);
        assertThat(yard.kind()).isEqualTo(LabelKind.VEHICLE);
        Bar shortOne = layout.barOf(12).orElseThrow();
        assertThat(shortOne.x1() - shortOne.x0()).as("five seconds still get a clickable width").isEqualTo(TimelineLayout.MIN_BAR);

        for (Bar b : layout.bars()) {
            assertThat(layout.barAt(b.centreX(), b.centreY()).orElseThrow().event().id()).isEqualTo(b.event().id());
        }
        double yardY = layout.stripTop(1) + TimelineLayout.STRIP_HEIGHT / 2;
        assertThat(layout.barAt(TimelineLayout.LABEL_WIDTH + 720 + 1, yardY).orElseThrow().event().id()).isEqualTo(11L);
        assertThat(layout.barAt(TimelineLayout.LABEL_WIDTH + 700, yardY)).as("before the bar").isEmpty();
        assertThat(layout.barAt(gate.centreX(), yardY)).as("another camera's strip").isEmpty();
        assertThat(layout.stripAt(yardY)).isEqualTo(1);
        assertThat(layout.stripAt(5)).as("the axis").isEqualTo(-1);
        assertThat(layout.height()).isEqualTo(TimelineLayout.AXIS_HEIGHT + 3 * TimelineLayout.STRIP_HEIGHT);
    }

    @Test
    void ongoingEventsRunToNowEventsOverMidnightAreCutAndOverlapsGetLanes() {
        List<TimelineEvent> events = List.of(
                event(1, 1L, "Gate", "person", at("00:00").minus(Duration.ofMinutes(10)), at("00:10")),
                event(2, 1L, "Gate", "car", at("00:05"), at("00:40")),
                event(3, 1L, "Gate", "person", at("20:00"), null));
        TimelineLayout layout = new TimelineLayout(STRIPS, events, DAY, WIDTH, at("21:00"));
        Bar midnight = layout.barOf(1).orElseThrow();
        assertThat(midnight.cutLeft()).isTrue();
        assertThat(midnight.x0()).isEqualTo(TimelineLayout.LABEL_WIDTH);
        assertThat(midnight.x1()).isEqualTo(TimelineLayout.LABEL_WIDTH + 10);
        Bar overlapping = layout.barOf(2).orElseThrow();
        assertThat(overlapping.y0()).as("second lane").isGreaterThan(midnight.y0());
        assertThat(overlapping.y0()).isGreaterThanOrEqualTo(midnight.y1());
        Bar ongoing = layout.barOf(3).orElseThrow();
        assertThat(ongoing.x1()).isEqualTo(TimelineLayout.LABEL_WIDTH + 21 * 60);
        assertThat(layout.barAt(ongoing.centreX(), ongoing.centreY()).orElseThrow().event().id()).isEqualTo(3L);
    }

    @Test
    void zoomedToOneMinuteABarFillsTheViewAndBarsOutsideAreLeftOut() {
        List<TimelineEvent> events = List.of(event(1, 1L, "Gate", "person", at("12:00"), at("12:10")),
                event(2, 1L, "Gate", "person", at("13:00"), at("13:01")));
        TimelineScale minute = DAY.zoomTo(Duration.ofMinutes(1), 0).scrollTo(at("12:05"));
        TimelineLayout layout = new TimelineLayout(STRIPS, events, minute, WIDTH, at("23:00"));
        assertThat(layout.bars()).hasSize(1);
        Bar b = layout.bars().getFirst();
        assertThat(b.x0()).isEqualTo(TimelineLayout.LABEL_WIDTH);
        assertThat(b.x1()).isEqualTo(WIDTH);
        assertThat(b.cutLeft()).isTrue();
        assertThat(b.cutRight()).isTrue();
        assertThat(layout.timeAt(TimelineLayout.LABEL_WIDTH + 720)).isEqualTo(at("12:05:30"));
    }

    @Test
    void labelsMapToTheLegendsColours() {
        assertThat(LabelKind.of("person")).isEqualTo(LabelKind.PERSON);
        assertThat(LabelKind.of("Truck")).isEqualTo(LabelKind.VEHICLE);
        assertThat(LabelKind.of("face")).isEqualTo(LabelKind.FACE);
        assertThat(LabelKind.of("dog")).isEqualTo(LabelKind.OTHER);
        assertThat(List.of(LabelKind.values())).extracting(LabelKind::rgb).doesNotHaveDuplicates();
    }

    @Test
    void recordingBandsSitUnderTheEventsAndEvenAFiveSecondGapCanBeHovered() {
        var offline = new RecordingGap(7, 1, at("10:00"), at("10:00:05"),
                RecordingGap.Reason.OFFLINE, "connection refused");
        var engineDown = new RecordingGap(8, 1, at("20:00"), null,
                RecordingGap.Reason.ENGINE_DOWN, null);
        Coverage gate = new Coverage(1, List.of(new Coverage.Run(at("00:00").minus(Duration.ofHours(1)), at("10:00"), false),
                new Coverage.Run(at("10:00:05"), at("12:00"), true)), List.of(offline, engineDown));
        TimelineLayout layout = new TimelineLayout(STRIPS, List.of(event(1, 1L, "Gate", "person", at("09:00"), at("11:00"))),
                Map.of(1L, gate), DAY, WIDTH, at("21:00"));

        assertThat(layout.bands()).hasSize(4);
        TimelineLayout.Band before = layout.bands().get(0);
        assertThat(before.x0()).as("footage from yesterday starts at the view's edge").isEqualTo(TimelineLayout.LABEL_WIDTH);
        assertThat(before.x1()).isEqualTo(TimelineLayout.LABEL_WIDTH + 600);
        TimelineLayout.Band open = layout.bands().get(1);
        assertThat(open.x1()).as("still written: up to now").isEqualTo(TimelineLayout.LABEL_WIDTH + 21 * 60);
        TimelineLayout.Band gap = layout.bandOfGap(7).orElseThrow();
        assertThat(gap.x1() - gap.x0()).as("five seconds is a twelfth of a pixel here").isEqualTo(3);
        assertThat(gap.colour()).isEqualTo(Coverage.colour(RecordingGap.Reason.OFFLINE));
        assertThat(layout.gapAt(gap.centreX(), gap.centreY()).orElseThrow().gap()).isEqualTo(offline);
        assertThat(layout.bandOfGap(8).orElseThrow().x1()).as("a gap that lasts runs to now")
                .isEqualTo(TimelineLayout.LABEL_WIDTH + 21 * 60);

        Bar bar = layout.barOf(1).orElseThrow();
        assertThat(bar.y1()).as("events above the band").isLessThan(gap.y0());
        assertThat(layout.barAt(bar.centreX(), gap.centreY())).as("the band is not the event").isEmpty();
        assertThat(layout.nameAt(20, gap.centreY())).isEqualTo(0);
        assertThat(layout.nameAt(TimelineLayout.LABEL_WIDTH + 5, gap.centreY())).isEqualTo(-1);
    }
}
