package org.watchroom.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DetectConfigTest {
    @Test
    void emptySettingsAreTheDefaultsAndPartialOnesKeepTheRest() {
        assertThat(DetectConfig.parse("{}")).isEqualTo(DetectConfig.defaults());
        DetectConfig c = DetectConfig.parse("{\"fps\": 2, \"faces\": \"in_persons\", \"min_scores\": {\"person\": 0.5}}");
        assertThat(c.fps()).isEqualTo(2);
        assertThat(c.faces()).isEqualTo(DetectConfig.FaceMode.IN_PERSONS);
        assertThat(c.minScores()).containsEntry("person", 0.5f);
        assertThat(c.forceEverySeconds()).isEqualTo(10);
        assertThat(c.labels()).contains("person", "car");
        assertThat(DetectConfig.parse(c.toJson())).isEqualTo(c);
    }

    @Test
    void badSettingsAreClearErrors() {
        assertThatThrownBy(() -> DetectConfig.parse("{\"fsp\": 2}")).hasMessageContaining("Bad detection settings")
                .hasMessageContaining("fsp");
        assertThatThrownBy(() -> DetectConfig.parse("{\"fps\": 0}")).hasMessageContaining("between 0 and 30");
        assertThatThrownBy(() -> DetectConfig.parse("{\"faces\": \"sometimes\"}")).hasMessageContaining("Bad detection settings");
        assertThatThrownBy(() -> DetectConfig.parse("not json")).hasMessageContaining("Bad detection settings");
    }
}
