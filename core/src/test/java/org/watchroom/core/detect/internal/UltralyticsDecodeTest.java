package org.watchroom.core.detect.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.detect.DetectorSettings;
import org.watchroom.core.model.Task;
import org.watchroom.core.testing.TestModels;

/**
 * The Ultralytics decoder on a hand-built [1, 84, 8400] output: known boxes for a 1280x720 frame letterboxed
 * into 640x640 (scale 0.5, 140 px bars top and bottom), plus noise anchors, through the same postprocessing a
 * detector uses.
 */
class UltralyticsDecodeTest {
    private static final int CLASSES = 80;
    private static final int ANCHORS = 8400;
    private static final int PERSON = 0;
    private static final int CAR = 2;
    private static final int DOG = 16;

    private final FloatBuffer output = FloatBuffer.allocate((4 + CLASSES) * ANCHORS);
    private final FrameGeometry geometry = new FrameGeometry();

    @Test
    void decodesUnletterboxesAndSuppressesDuplicates() {
        geometry.update(1280, 720, 640, 640, Preprocessing.Fit.LETTERBOX_CENTER);
        assertThat(geometry.padX()).isZero();
        assertThat(geometry.padY()).isEqualTo(140);

        Random random = new Random(7);
        for (int i = 0; i < ANCHORS; i++) { // noise: random boxes, every class score below 0.2
            set(i, random.nextFloat() * 640, random.nextFloat() * 640, 5 + random.nextFloat() * 100,
                    5 + random.nextFloat() * 100, random.nextInt(CLASSES), random.nextFloat() * 0.2f);
            for (int c = 0; c < CLASSES; c++) {
                if (output.get((4 + c) * ANCHORS + i) == 0) {
                    output.put((4 + c) * ANCHORS + i, random.nextFloat() * 0.05f);
                }
            }
        }
        // Source boxes (frame pixels) → input pixels: x·0.5, y·0.5 + 140.
        setSource(100, new Box(200, 100, 120, 300), PERSON, 0.90f);
        setSource(101, new Box(204, 104, 118, 296), PERSON, 0.70f); // duplicate of the person: suppressed
        setSource(5000, new Box(260, 200, 400, 200), CAR, 0.80f);    // overlaps the person, other class: kept
        setSource(8000, new Box(900, 400, 200, 150), DOG, 0.60f);

        UltralyticsAdapter adapter = new UltralyticsAdapter().configure(CLASSES, ANCHORS);
        List<String> labels = TestModels.coco80();
        ScoreFilter filter = new ScoreFilter(DetectorSettings.defaults(Task.OBJECTS), labels);
        List<Detection> found = new Postprocessor(adapter, labels)
                .run(new FloatBuffer[] {output}, filter, geometry, 0.45f, 0);

        assertThat(found).extracting(Detection::label).containsExactly("person", "car", "dog");
        assertBox(found.get(0), new Box(200, 100, 120, 300), 0.90f);
        assertBox(found.get(1), new Box(260, 200, 400, 200), 0.80f);
        assertBox(found.get(2), new Box(900, 400, 200, 150), 0.60f);
        assertThat(found).allSatisfy(d -> assertThat(d.landmarks()).isNull());
    }

    @Test
    void boxesAreClippedToTheFrame() {
        geometry.update(1280, 720, 640, 640, Preprocessing.Fit.LETTERBOX_CENTER);
        set(0, 10, 150, 40, 40, PERSON, 0.9f); // input-space box reaching into the top bar and past the left edge
        UltralyticsAdapter adapter = new UltralyticsAdapter().configure(CLASSES, ANCHORS);
        List<String> labels = TestModels.coco80();
        List<Detection> found = new Postprocessor(adapter, labels).run(new FloatBuffer[] {output},
                new ScoreFilter(DetectorSettings.defaults(Task.OBJECTS), labels), geometry, 0.45f, 0);

        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.box().x()).isZero();
            assertThat(d.box().y()).isZero();
            assertThat(d.box().width()).isCloseTo(60, offset(0.01f));
            assertThat(d.box().height()).isCloseTo(60, offset(0.01f));
        });
    }

    private void setSource(int anchor, Box source, int cls, float score) {
        set(anchor, source.centerX() * 0.5f, source.centerY() * 0.5f + 140, source.width() * 0.5f,
                source.height() * 0.5f, cls, score);
    }

    private void set(int anchor, float cx, float cy, float w, float h, int cls, float score) {
        output.put(anchor, cx);
        output.put(ANCHORS + anchor, cy);
        output.put(2 * ANCHORS + anchor, w);
        output.put(3 * ANCHORS + anchor, h);
        output.put((4 + cls) * ANCHORS + anchor, score);
    }

    private static void assertBox(Detection d, Box expected, float score) {
        assertThat(d.score()).isEqualTo(score);
        assertThat(d.box().x()).isCloseTo(expected.x(), offset(0.01f));
        assertThat(d.box().y()).isCloseTo(expected.y(), offset(0.01f));
        assertThat(d.box().width()).isCloseTo(expected.width(), offset(0.01f));
        assertThat(d.box().height()).isCloseTo(expected.height(), offset(0.01f));
    }
}
