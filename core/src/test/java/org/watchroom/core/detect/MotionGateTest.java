package org.watchroom.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MotionGateTest {

    private static ByteBuffer frame(int width, int height, int squareX) {
        ByteBuffer bgra = ByteBuffer.allocateDirect(width * height * 4);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int grey = 40 + (x * 3 + y) % 30; // textured background
                boolean inSquare = x >= squareX && x < squareX + 40 && y >= 100 && y < 160;
                int v = inSquare ? 230 : grey;
                int i = (y * width + x) * 4;
                bgra.put(i, (byte) v).put(i + 1, (byte) v).put(i + 2, (byte) v).put(i + 3, (byte) 255);
            }
        }
        return bgra;
    }

    @Test
    void stillPicturesAreNotMotionAndAMovingObjectIs() {
        MotionGate gate = MotionGate.defaults();
        ByteBuffer still = frame(640, 360, 100);
        assertThat(gate.update(still, 640, 360, 640 * 4)).as("first frame always passes").isTrue();
        assertThat(gate.update(still, 640, 360, 640 * 4)).isFalse();
        assertThat(gate.update(frame(640, 360, 100), 640, 360, 640 * 4)).isFalse();
        assertThat(gate.update(frame(640, 360, 300), 640, 360, 640 * 4)).as("the square moved").isTrue();
        assertThat(gate.lastChangedFraction()).isGreaterThan(0.003);
    }

    @Test
    void aResolutionChangeStartsOver() {
        MotionGate gate = MotionGate.defaults();
        gate.update(frame(640, 360, 100), 640, 360, 640 * 4);
        assertThat(gate.update(frame(320, 240, 100), 320, 240, 320 * 4)).isTrue();
        assertThat(gate.update(frame(320, 240, 100), 320, 240, 320 * 4)).isFalse();
    }

    @Test
    void motionInsideAMaskDoesNotCountAndOutsideItStillDoes() {
        MotionGate gate = MotionGate.defaults();
        // the left half is masked (a clock, trees): the square moves within it
        gate.setMask((x, y) -> x < 0.5);
        gate.update(frame(640, 360, 40), 640, 360, 640 * 4);
        assertThat(gate.update(frame(640, 360, 200), 640, 360, 640 * 4)).as("moved inside the mask").isFalse();
        assertThat(gate.update(frame(640, 360, 450), 640, 360, 640 * 4)).as("moved out of it").isTrue();
        gate.setMask(MotionGate.Mask.NONE);
        gate.update(frame(640, 360, 40), 640, 360, 640 * 4);
        assertThat(gate.update(frame(640, 360, 200), 640, 360, 640 * 4)).as("unmasked again").isTrue();
    }
}
