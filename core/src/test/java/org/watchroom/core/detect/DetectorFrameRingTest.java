package org.watchroom.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.frame.FrameSlot;
import org.watchroom.core.playback.StillFrames;
import org.watchroom.core.testing.OnnxTest;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.TestModels;

/** Detecting straight from frame-ring slots: each slot's buffer is wrapped once and gives the same result. */
@OnnxTest
class DetectorFrameRingTest {

    @Test
    void everySlotOfARingGivesTheSameDetections() {
        StillFrame picture = StillFrames.read(TestMedia.file("yolox_dog.jpg"), 0);
        FrameRing ring = new FrameRing(3, picture.width(), picture.height());
        try (InferenceEnvironment environment = InferenceEnvironment.create();
             Detector detector = environment.open(TestModels.yolox());
             FrameRing.Reader reader = ring.newReader("detector")) {
            List<Detection> reference = detector.detect(picture);
            for (int i = 0; i < 6; i++) { // twice round the ring
                ByteBuffer target = ring.beginWrite(picture.width(), picture.height());
                target.put(picture.bgra().duplicate().clear()).clear();
                ring.publish(System.nanoTime());
                FrameSlot slot = reader.acquireNewest();

                assertThat(detector.detect(slot)).isEqualTo(reference.stream()
                        .map(d -> new Detection(d.label(), d.classId(), d.score(), d.box(), null)).toList());
                reader.release();
            }
        }
    }

    @Test
    void heapBuffersAndShortBuffersAreRefused() {
        try (InferenceEnvironment environment = InferenceEnvironment.create();
             Detector detector = environment.open(TestModels.ultraface())) {
            assertThatThrownBy(() -> detector.detect(ByteBuffer.allocate(64 * 48 * 4), 64, 48, 256))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("direct");
            assertThatThrownBy(() -> detector.detect(ByteBuffer.allocateDirect(100), 64, 48, 256))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot hold a 64x48");
        }
    }
}
