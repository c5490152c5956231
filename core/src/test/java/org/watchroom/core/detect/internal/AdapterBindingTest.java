package org.watchroom.core.detect.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.watchroom.core.detect.DetectorException;
import org.watchroom.core.detect.InputSize;

/** Adapters check model signatures (built by hand here) and derive the tensor layout from them. */
class AdapterBindingTest {

    @Test
    void yoloxRejectsAnOutputWithTheWrongNumberOfAnchors() {
        ModelSignature model = new ModelSignature("odd.onnx", Map.of("images", new long[] {1, 3, 416, 416}),
                Map.of("output", new long[] {1, 3000, 85}));

        assertThatThrownBy(() -> new YoloxAdapter().bind(model, null))
                .isInstanceOf(DetectorException.class)
                .hasMessageStartingWith("Model odd.onnx does not fit adapter 'yolox': 'output' has shape [1, 3000, 85], "
                        + "expected dimension 1 to be 3549");
    }

    @Test
    void yoloxReadsInputSizeAndClassCountFromTheModel() {
        ModelSignature model = new ModelSignature("yolox_s_640.onnx", Map.of("images", new long[] {1, 3, 640, 640}),
                Map.of("output", new long[] {1, 8400, 85}));
        YoloxAdapter adapter = new YoloxAdapter();
        ModelLayout layout = adapter.bind(model, new InputSize(320, 320)); // fixed model: request ignored

        assertThat(layout.width()).isEqualTo(640);
        assertThat(adapter.classes()).isEqualTo(80);
        assertThat(layout.preprocessing().fit()).isEqualTo(Preprocessing.Fit.LETTERBOX_TOP_LEFT);
    }

    @Test
    void dynamicYunetTakesTheRequestedSizeAndSizesEveryOutput() {
        Map<String, long[]> outputs = new LinkedHashMap<>();
        for (String kind : new String[] {"cls", "obj", "bbox", "kps"}) {
            long columns = switch (kind) { case "bbox" -> 4; case "kps" -> 10; default -> 1; };
            for (int s : new int[] {8, 16, 32}) {
                outputs.put(kind + "_" + s, new long[] {-1, -1, columns});
            }
        }
        ModelSignature model = new ModelSignature("yunet_n_dynamic.onnx", Map.of("input", new long[] {-1, 3, -1, -1}), outputs);
        ModelLayout layout = new YunetAdapter().bind(model, new InputSize(768, 576));

        assertThat(layout.width()).isEqualTo(768);
        assertThat(layout.height()).isEqualTo(576);
        assertThat(layout.outputNames()).startsWith("cls_8", "cls_16", "cls_32", "obj_8");
        assertThat(layout.outputShapes().get(0)).containsExactly(1, 96 * 72, 1);
        assertThat(layout.outputShapes().get(11)).containsExactly(1, 24 * 18, 10);
    }

    @Test
    void unknownAdapterIdListsTheKnownOnes() {
        assertThatThrownBy(() -> ModelAdapter.forId("ssd"))
                .hasMessage("Unknown adapter 'ssd'; known adapters: yolox, yunet, ultraface, fastestdet, ultralytics");
    }
}
