package org.watchroom.core.detect.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The tensor the preprocessor fills: image area, channel order, scaling, and padding that follows size changes. */
class PreprocessorTest {
    private static final int SIZE = 64;

    @Test
    void letterboxPadsAroundTheImageAndRepadsWhenTheFrameSizeChanges() {
        // RGB, v / 255 - 0.5, pad 114: like an Ultralytics-style model, with YOLOX's top-left placement
        Preprocessing preprocessing = new Preprocessing(Preprocessing.ChannelOrder.RGB, 1 / 255f, -0.5f,
                Preprocessing.Fit.LETTERBOX_TOP_LEFT, 114);
        FloatBuffer tensor = tensor();
        try (Preprocessor preprocessor = new Preprocessor(layout(preprocessing), tensor)) {
            // landscape 4:3 → image area 64x48, pad below
            preprocessor.run(frame(160, 120, 10, 20, 30), 160, 120, 160 * 4);
            assertArea(tensor, 64, 48, new float[] {30, 20, 10}, 1 / 255f, -0.5f, 114 / 255f - 0.5f);
            // portrait 3:4 → image area 48x64, pad on the right; the old image must not show through below
            preprocessor.run(frame(120, 160, 200, 100, 50), 120, 160, 120 * 4);
            assertArea(tensor, 48, 64, new float[] {50, 100, 200}, 1 / 255f, -0.5f, 114 / 255f - 0.5f);
            // and back
            preprocessor.run(frame(160, 120, 1, 2, 3), 160, 120, 160 * 4);
            assertArea(tensor, 64, 48, new float[] {3, 2, 1}, 1 / 255f, -0.5f, 114 / 255f - 0.5f);
        }
    }

    @Test
    void centredLetterboxAndBgrOrder() {
        Preprocessing preprocessing = new Preprocessing(Preprocessing.ChannelOrder.BGR, 1f, 0f,
                Preprocessing.Fit.LETTERBOX_CENTER, 0);
        FloatBuffer tensor = tensor();
        try (Preprocessor preprocessor = new Preprocessor(layout(preprocessing), tensor)) {
            preprocessor.run(frame(128, 64, 7, 8, 9), 128, 64, 128 * 4); // 2:1 → 64x32 at y 16
            for (int c = 0; c < 3; c++) {
                assertThat(tensor.get(c * SIZE * SIZE + 15 * SIZE + 10)).isEqualTo(0f);
                assertThat(tensor.get(c * SIZE * SIZE + 16 * SIZE + 10)).isEqualTo(7f + c);
                assertThat(tensor.get(c * SIZE * SIZE + 47 * SIZE + 63)).isEqualTo(7f + c);
                assertThat(tensor.get(c * SIZE * SIZE + 48 * SIZE + 10)).isEqualTo(0f);
            }
        }
    }

    private static void assertArea(FloatBuffer tensor, int areaWidth, int areaHeight, float[] planeValues, float scale,
            float offset, float pad) {
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    float expected = x < areaWidth && y < areaHeight ? planeValues[c] * scale + offset : pad;
                    assertThat(tensor.get(c * SIZE * SIZE + y * SIZE + x)).as("plane %d at %d,%d", c, x, y)
                            .isCloseTo(expected, Offset.offset(1e-6f));
                }
            }
        }
    }

    private static ModelLayout layout(Preprocessing preprocessing) {
        return new ModelLayout("in", SIZE, SIZE, preprocessing, List.of("out"), List.<long[]>of(new long[] {1, 1}));
    }

    private static FloatBuffer tensor() {
        return ByteBuffer.allocateDirect(3 * SIZE * SIZE * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** A plain-coloured opaque BGRA frame. */
    private static ByteBuffer frame(int width, int height, int b, int g, int r) {
        ByteBuffer frame = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.nativeOrder());
        for (int i = 0; i < width * height; i++) {
            frame.put((byte) b).put((byte) g).put((byte) r).put((byte) 255);
        }
        return frame.clear();
    }
}
