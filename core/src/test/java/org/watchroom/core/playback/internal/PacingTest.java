package org.watchroom.core.playback.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Pacing} with wall times given by hand: due times per speed, the drop rule and starting over. */
class PacingTest {
    private static final long MS = 1_000_000;

    @Test
    void framesAreDueByTheirTimestampDividedBySpeed() {
        Pacing pacing = new Pacing();
        pacing.anchor(1_000 * MS, 2_000_000);
        assertThat(pacing.due(2_100_000)).isEqualTo(1_100 * MS);
        pacing.speed(4);
        pacing.anchor(1_000 * MS, 2_000_000);
        assertThat(pacing.due(2_100_000)).isEqualTo(1_025 * MS);
        pacing.speed(0.25);
        pacing.anchor(0, 0);
        assertThat(pacing.due(100_000)).isEqualTo(400 * MS);
    }

    @Test
    void aFrameLaterThanOneFrameIsDroppedUnlessNothingWasShownForAWhile() {
        Pacing pacing = new Pacing();
        pacing.speed(16); // 10 fps at 16x: a frame every 6.25 ms
        pacing.anchor(0, 0);
        long due = pacing.due(100_000);
        assertThat(pacing.drop(due, due + 5 * MS, 100_000)).as("late by less than a frame").isFalse();
        assertThat(pacing.drop(due, due + 7 * MS, 100_000)).as("nothing shown yet: show it anyway").isFalse();
        pacing.shown(due + 7 * MS);
        long next = pacing.due(200_000);
        assertThat(pacing.drop(next, next + 7 * MS, 100_000)).as("late by more than a frame").isTrue();
        assertThat(pacing.drop(next, due + 7 * MS + Pacing.MIN_SHOW_INTERVAL_NANOS, 100_000))
                .as("but not when the picture would freeze").isFalse();
        assertThat(pacing.farBehind(next, next + 400 * MS)).isFalse();
        assertThat(pacing.farBehind(next, next + 600 * MS)).isTrue();
    }
}
