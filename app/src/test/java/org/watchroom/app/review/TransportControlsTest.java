package org.watchroom.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** [ and ] step through the player's speeds and stop at either end. */
class TransportControlsTest {

    @Test
    void speedKeysPickTheNeighbouringSpeedAndHoldAtTheEnds() {
        assertThat(TransportControls.next(ReviewViewModel.SPEEDS, 1.0, 1)).isEqualTo(2.0);
        assertThat(TransportControls.next(ReviewViewModel.SPEEDS, 1.0, -1)).isEqualTo(0.5);
        assertThat(TransportControls.next(ReviewViewModel.SPEEDS, 16.0, 1)).isEqualTo(16.0);
        assertThat(TransportControls.next(ReviewViewModel.SPEEDS, 0.25, -1)).isEqualTo(0.25);
        assertThat(TransportControls.next(ReviewViewModel.SPEEDS, 3.5, 1)).as("from the nearest").isEqualTo(8.0);
    }
}
