package org.watchroom.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Axis ticks at every zoom level, without JavaFX. */
class TimeTicksTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final double WIDTH = 1000;

    private static List<TimeTicks.Tick> ticks(TimelineScale s) {
        return TimeTicks.ticks(s, BERLIN, WIDTH, 70);
    }

    @Test
    void theWholeDayHasTicksOnRoundHours() {
        TimelineScale day = TimelineScale.wholeDay(LocalDate.parse("2026-06-10"), BERLIN);
        List<TimeTicks.Tick> t = ticks(day);
        assertThat(TimeTicks.stepSeconds(day, WIDTH, 70)).isEqualTo(7200);
        assertThat(t).extracting(TimeTicks.Tick::label).startsWith("00:00", "02:00", "04:00").contains("22:00")
                .hasSize(12);
        assertThat(t.get(6).x()).isEqualTo(500.0);
    }

    @Test
    void everyZoomLevelHasReadableIncreasingTicksInsideTheView() {
        TimelineScale s = TimelineScale.wholeDay(LocalDate.parse("2026-06-10"), BERLIN).zoomTo(Duration.ofHours(24), 0.5);
        for (int level = 0; level < 9; level++) {
            List<TimeTicks.Tick> t = ticks(s);
            assertThat(t).as(s.zoomLabel()).hasSizeBetween(5, 16);
            for (int i = 1; i < t.size(); i++) {
                assertThat(t.get(i).x() - t.get(i - 1).x()).as(s.zoomLabel()).isGreaterThanOrEqualTo(70);
            }
            assertThat(t.getFirst().x()).isGreaterThanOrEqualTo(0);
            assertThat(t.getLast().x()).isLessThanOrEqualTo(WIDTH);
            s = s.zoomIn(0.37);
        }
        assertThat(s.span()).isEqualTo(Duration.ofMinutes(1));
        assertThat(ticks(s).getFirst().label()).as("seconds at one minute").matches("\\d\\d:\\d\\d:\\d\\d");
        assertThat(ticks(s)).extracting(TimeTicks.Tick::label).allMatch(l -> l.endsWith("0") || l.endsWith("5"));
    }

    @Test
    void aSpringForwardDaySkipsTheMissingHourAndAFallBackHourKeepsItsTicks() {
        TimelineScale spring = TimelineScale.wholeDay(LocalDate.parse("2026-03-29"), BERLIN).zoomTo(Duration.ofHours(6), 0);
        assertThat(ticks(spring)).extracting(TimeTicks.Tick::label).containsSequence("01:30", "03:00")
                .doesNotHaveDuplicates().noneMatch(l -> l.startsWith("02:"));
        TimelineScale autumn = TimelineScale.wholeDay(LocalDate.parse("2026-10-25"), BERLIN);
        // the second 02:00 (CET, 01:00 UTC) zoomed to one minute still gets its ticks
        TimelineScale repeated = autumn.zoomTo(Duration.ofMinutes(1), 0).scrollTo(Instant.parse("2026-10-25T01:10:00Z"));
        assertThat(ticks(repeated)).extracting(TimeTicks.Tick::label).startsWith("02:10:00");
    }
}
