package org.watchroom.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordingPolicyTest {
    @Test
    void emptyMeansContinuousAndSizesReadAsPeopleWriteThem() {
        assertThat(RecordingPolicy.parse("{}")).isEqualTo(RecordingPolicy.defaults());
        RecordingPolicy p = RecordingPolicy.parse("{\"mode\": \"motion\", \"keep_days\": 14, \"keep_size\": \"500G\"}");
        assertThat(p.mode()).isEqualTo(RecordingPolicy.Mode.MOTION);
        assertThat(p.keepBytes()).isEqualTo(500L << 30);
        assertThat(RecordingPolicy.parse(p.toJson())).isEqualTo(p);
        assertThat(RecordingPolicy.parseSize("20M")).isEqualTo(20L << 20);
        assertThat(RecordingPolicy.parseSize("1.5T")).isEqualTo(3L << 39);
        assertThat(RecordingPolicy.parseSize("750MB")).isEqualTo(750L << 20);
    }

    @Test
    void badValuesAreClearErrors() {
        assertThatThrownBy(() -> RecordingPolicy.parse("{\"mode\": \"always\"}"))
                .hasMessageContaining("continuous, motion, events or off");
        assertThatThrownBy(() -> RecordingPolicy.parse("{\"keep_size\": \"lots\"}")).hasMessageContaining("500G");
        assertThatThrownBy(() -> RecordingPolicy.parse("{\"keep_days\": 0}")).hasMessageContaining("keep_days");
        assertThatThrownBy(() -> RecordingPolicy.parse("{\"segment_s\": 2}")).hasMessageContaining("segment_s");
        assertThatThrownBy(() -> RecordingPolicy.parse("{\"colour\": 1}")).hasMessageContaining("colour");
    }
}
