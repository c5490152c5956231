package org.watchroom.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Zoom and pan of the timeline, without JavaFX. */
class TimelineScaleTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate DAY = LocalDate.parse("2026-06-10");

    @Test
    void zoomGoesFromExactlyTheWholeDayToExactlyOneMinuteAndNoFurther() {
        TimelineScale s = TimelineScale.wholeDay(DAY, BERLIN);
        assertThat(s.span()).isEqualTo(Duration.ofHours(24));
        assertThat(s.zoomLabel()).isEqualTo("24 h");
        assertThat(s.zoomOut(0.5)).as("no further out than the day").isEqualTo(s);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            s = s.zoomIn(0.5);
            labels.add(s.zoomLabel());
        }
        assertThat(s.span()).isEqualTo(Duration.ofMinutes(1));
        assertThat(labels.subList(0, 9)).containsExactly("12 h", "6 h", "3 h", "1 h", "30 min", "15 min", "5 min",
                "1 min", "1 min");
        for (int i = 0; i < 20; i++) {
            s = s.zoomOut(0.5);
        }
        assertThat(s.span()).isEqualTo(Duration.ofHours(24));
        assertThat(s.viewStart()).isEqualTo(TimelineScale.wholeDay(DAY, BERLIN).viewStart());
        assertThat(s.zoomTo(Duration.ofSeconds(5), 0.5).span()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.zoomTo(Duration.ofDays(3), 0.5).span()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void zoomKeepsTheInstantUnderTheAnchorAndPanningCrossesMidnightIntoOtherDays() {
        TimelineScale s = TimelineScale.wholeDay(DAY, BERLIN);
        Instant midnight = s.viewStart();
        Instant underMouse = s.at(0.75); // 18:00
        TimelineScale in = s.zoomIn(0.75);
        assertThat(in.at(0.75)).isEqualTo(underMouse);
        assertThat(in.fraction(underMouse)).isEqualTo(0.75);

        TimelineScale hour = s.zoomTo(Duration.ofHours(1), 0);
        assertThat(hour.panBy(-3).viewStart()).as("into the evening before").isEqualTo(midnight.minus(Duration.ofHours(3)));
        assertThat(hour.panBy(-3).day(BERLIN)).isEqualTo(DAY.minusDays(1));
        assertThat(hour.panBy(-0.5).middle()).as("the middle on midnight").isEqualTo(midnight);
        assertThat(hour.panBy(-0.5).day(BERLIN)).isEqualTo(DAY);
        assertThat(hour.panBy(24 * 3).day(BERLIN)).as("three days on").isEqualTo(DAY.plusDays(3));
        assertThat(hour.panBy(0.5).viewStart()).isEqualTo(midnight.plus(Duration.ofMinutes(30)));
        assertThat(hour.centreOn(midnight.plus(Duration.ofHours(12))).viewStart())
                .isEqualTo(midnight.plus(Duration.ofMinutes(11 * 60 + 30)));
        assertThat(hour.panBy(-0.5).shows(midnight.minusSeconds(10), midnight.minusSeconds(5))).isTrue();
        assertThat(hour.panBy(-0.5).span()).as("the zoom stays").isEqualTo(Duration.ofHours(1));
    }

    @Test
    void daylightSavingDaysAreShownWhole() {
        TimelineScale spring = TimelineScale.wholeDay(LocalDate.parse("2026-03-29"), BERLIN);
        TimelineScale autumn = TimelineScale.wholeDay(LocalDate.parse("2026-10-25"), BERLIN);
        assertThat(spring.span()).isEqualTo(Duration.ofHours(23));
        assertThat(spring.zoomLabel()).isEqualTo("23 h");
        assertThat(autumn.span()).isEqualTo(Duration.ofHours(25));
        assertThat(autumn.zoomIn(0.5).zoomOut(0.5).span()).isEqualTo(Duration.ofHours(25));
    }
}
