package org.watchroom.core.event.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchroom.core.event.Region;

class StationaryTrackerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration STATIONARY = Duration.ofSeconds(20);
    private static final Region PARKED = new Region(0.1, 0.6, 0.2, 0.15);

    private static List<Duration> update(StationaryTracker tracker, int second, Region... boxes) {
        return tracker.update("car", List.of(boxes), T0.plusSeconds(second), STATIONARY, 0.7, 0.02);
    }

    @Test
    void aParkedCarStaysParkedThroughABriefOcclusionAndWakesWhenItDrivesOff() {
        StationaryTracker tracker = new StationaryTracker();
        for (int t = 0; t <= 30; t++) {
            update(tracker, t, PARKED);
        }
        // someone walks in front: the box shrinks to the visible half for two results
        Region half = new Region(0.2, 0.6, 0.1, 0.15);
        assertThat(update(tracker, 31, half)).containsExactly(Duration.ofSeconds(31));
        assertThat(update(tracker, 32, half)).containsExactly(Duration.ofSeconds(32));
        assertThat(update(tracker, 33, PARKED)).containsExactly(Duration.ofSeconds(33));
        // missed by the detector for a few seconds: still the same track
        assertThat(update(tracker, 40, PARKED)).containsExactly(Duration.ofSeconds(40));
        // it drives off: after three results away from where it stood, it is moving again
        // (a 3 % shift is still jitter: overlap 0.74)
        assertThat(update(tracker, 41, new Region(0.13, 0.6, 0.2, 0.15))).containsExactly(Duration.ofSeconds(41));
        assertThat(update(tracker, 42, new Region(0.16, 0.6, 0.2, 0.15))).containsExactly(Duration.ofSeconds(42));
        assertThat(update(tracker, 43, new Region(0.22, 0.6, 0.2, 0.15))).containsExactly(Duration.ofSeconds(43));
        assertThat(update(tracker, 44, new Region(0.28, 0.6, 0.2, 0.15))).containsExactly(Duration.ZERO);
        assertThat(update(tracker, 45, new Region(0.34, 0.6, 0.2, 0.15))).containsExactly(Duration.ZERO);
    }

    @Test
    void twoCarsAreTrackedApartAndForgottenWhenGoneLongerThanTheStationaryTime() {
        StationaryTracker tracker = new StationaryTracker();
        Region other = new Region(0.6, 0.6, 0.2, 0.15);
        update(tracker, 0, PARKED);
        assertThat(update(tracker, 10, other, PARKED)).containsExactly(Duration.ZERO, Duration.ofSeconds(10));
        update(tracker, 20, other);
        assertThat(update(tracker, 31, other)).containsExactly(Duration.ofSeconds(21));
        // the first car was last seen at 10 s: more than 20 s ago, so a car there now is new
        assertThat(update(tracker, 32, PARKED, other)).containsExactly(Duration.ZERO, Duration.ofSeconds(22));
        assertThat(tracker.labels()).containsExactly("car");
    }
}
