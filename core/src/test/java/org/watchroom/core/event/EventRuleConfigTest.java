package org.watchroom.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchroom.core.detect.Box;

class EventRuleConfigTest {

    @Test
    void emptySettingsAreTheDefaultsAndPartialOnesKeepTheRest() {
        EventRuleConfig d = EventRuleConfig.parse("{}");
        assertThat(d).isEqualTo(EventRuleConfig.defaults());
        assertThat(d.rule("person")).isEqualTo(new LabelRule(0.65, 5, 0, 5, 10, 0, List.of(), List.of(), 60));
        assertThat(d.watches("face")).isTrue();
        assertThat(d.watches("toothbrush")).isFalse();

        EventRuleConfig c = EventRuleConfig.parse("""
                {"min_frames": 3, "zones": [[[0,0.5],[1,0.5],[1,1],[0,1]]],
                 "overrides": {"car": {"min_score": 0.8, "stationary_s": 30}},
                 "suppressions": {"car": [{"x": 0.1, "y": 0.6, "width": 0.2, "height": 0.15}]}}""");
        assertThat(c.minFrames()).isEqualTo(3);
        assertThat(c.endAfterSeconds()).isEqualTo(5);
        assertThat(c.zones()).hasSize(1);
        assertThat(c.rule("car").minScore()).isEqualTo(0.8);
        assertThat(c.rule("car").stationarySeconds()).isEqualTo(30);
        assertThat(c.rule("car").minFrames()).isEqualTo(3);
        assertThat(c.rule("car").zones()).isEqualTo(c.zones());
        assertThat(c.rule("person").minScore()).isEqualTo(0.65);
        assertThat(c.suppressions("car")).containsExactly(new Region(0.1, 0.6, 0.2, 0.15));
        assertThat(EventRuleConfig.parse(c.toJson())).isEqualTo(c);
        assertThat(c.toJson()).contains("\"min_score\":0.8").contains("[[0.0,0.5],[1.0,0.5]");
    }

    @Test
    void badSettingsAreClearErrors() {
        assertThatThrownBy(() -> EventRuleConfig.parse("{\"min_scor\": 0.5}")).hasMessageContaining("Bad event rules")
                .hasMessageContaining("min_scor");
        assertThatThrownBy(() -> EventRuleConfig.parse("{\"min_score\": 1.5}")).hasMessageContaining("min_score")
                .hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> EventRuleConfig.parse("{\"min_frames\": 0}")).hasMessageContaining("min_frames");
        assertThatThrownBy(() -> EventRuleConfig.parse("{\"end_after_s\": 0}")).hasMessageContaining("end_after_s");
        assertThatThrownBy(() -> EventRuleConfig.parse("{\"zones\": [[[0,0],[1,1]]]}"))
                .hasMessageContaining("at least 3 points");
        assertThatThrownBy(() -> EventRuleConfig.parse("{\"masks\": [[[0,0],[2,0],[0,1]]]}"))
                .hasMessageContaining("within 0..1");
        assertThatThrownBy(() -> EventRuleConfig.parse("{\"overrides\": {\"car\": {\"cooldown_s\": -1}}}"))
                .hasMessageContaining("override for car").hasMessageContaining("cooldown_s");
        assertThatThrownBy(() -> EventRuleConfig.parse("{\"overrides\": {\"car\": {\"colour\": 1}}}"))
                .hasMessageContaining("colour");
        assertThatThrownBy(() -> EventRuleConfig.parse("not json")).hasMessageContaining("Bad event rules");
    }

    @Test
    void suppressionRegionsAreAddedListedAndRemoved() {
        Region parked = Region.of(new Box(100, 600, 200, 150), 1000, 1000);
        assertThat(parked).isEqualTo(new Region(0.1, 0.6, 0.2, 0.15));
        EventRuleConfig c = EventRuleConfig.defaults().withSuppression("car", parked).withSuppression("car", parked);
        assertThat(c.suppressions("car")).containsExactly(parked);
        assertThat(c.suppressions("person")).isEmpty();
        assertThat(EventRuleConfig.parse(c.toJson()).suppressions("car")).containsExactly(parked);
        EventRuleConfig removed = c.withoutSuppression("car", parked);
        assertThat(removed.suppressions()).isEmpty();
        assertThat(removed).isEqualTo(EventRuleConfig.defaults());
    }

    @Test
    void polygonsUseTheirInsideNotTheirBoundingBox() {
        Polygon triangle = Polygon.of(new double[][] {{0, 0}, {1, 0}, {0, 1}});
        assertThat(triangle.contains(0.2, 0.2)).isTrue();
        assertThat(triangle.contains(0.8, 0.8)).isFalse();
        assertThat(Region.of(new Box(-20, 900, 100, 200), 1000, 1000)).isEqualTo(new Region(0, 0.9, 0.08, 0.1));
    }
}
