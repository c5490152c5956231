package org.watchroom.core.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceOptionsPacingTest {

    @Test
    void filesArePacedByDefault() {
        assertThat(SourceOptions.defaults().paced()).isTrue();
    }

    @Test
    void withPacingSwitchesOnlyPacing() {
        SourceOptions base = SourceOptions.defaults().withDecodeThreads(3).withMaxSize(1920, 1080);
        SourceOptions unpaced = base.withPacing(false);

        assertThat(unpaced.paced()).isFalse();
        assertThat(unpaced.withPacing(true)).isEqualTo(base);
    }

    @Test
    void otherWithersKeepPacing() {
        SourceOptions unpaced = SourceOptions.defaults().withPacing(false);

        assertThat(unpaced.withMaxSize(640, 360).paced()).isFalse();
        assertThat(unpaced.withDecodeThreads(2).paced()).isFalse();
        assertThat(unpaced.withStallAfter(Duration.ofSeconds(1)).paced()).isFalse();
        assertThat(unpaced.withIoTimeout(Duration.ofSeconds(1)).paced()).isFalse();
        assertThat(unpaced.withRtspTransport("udp").paced()).isFalse();
    }
}
