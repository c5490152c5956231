package org.watchroom.core.playback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link FrameExchange}: the newest picture wins, and the writer never gets a buffer the viewer may be showing. */
class FrameExchangeTest {

    @Test
    void theViewerGetsTheNewestAndTheWriterNeverItsFrontOrPreviousBuffer() {
        FrameExchange exchange = new FrameExchange();
        assertThat(exchange.takeNewest()).as("nothing published yet").isNull();
        FrameExchange.Frame shown = null;
        FrameExchange.Frame previous = null;
        for (int i = 0; i < 50; i++) {
            FrameExchange.Frame back = exchange.back(4, 2);
            assertThat(back).isNotSameAs(shown).isNotSameAs(previous);
            back.pixels().put(0, (byte) i);
            exchange.publish(i * 100L);
            if (i % 3 == 0) { // the viewer polls less often than frames come: it skips to the newest
                FrameExchange.Frame taken = exchange.takeNewest();
                assertThat(taken.ptsMicros()).isEqualTo(i * 100L);
                assertThat(taken.pixels().get(0)).isEqualTo((byte) i);
                assertThat(taken.width()).isEqualTo(4);
                assertThat(exchange.takeNewest()).as("taken once").isNull();
                previous = shown;
                shown = taken;
            }
        }
        assertThat(exchange.back(8, 4).pixels().capacity()).as("a new size gets a new buffer").isEqualTo(8 * 4 * 4);
    }
}
