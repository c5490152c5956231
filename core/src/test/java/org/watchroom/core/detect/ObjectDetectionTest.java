package org.watchroom.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.watchroom.core.model.Task;
import org.watchroom.core.playback.StillFrames;
import org.watchroom.core.testing.OnnxTest;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.TestModels;

/** Object models on real footage and photos from the shared mirror. */
@OnnxTest
class ObjectDetectionTest {
    private static InferenceEnvironment environment;

    @BeforeAll
    static void start() {
        environment = InferenceEnvironment.create();
    }

    @AfterAll
    static void stop() {
        environment.close();
    }

    @Test
    void yoloxFindsThePedestriansAndTheParkedVehiclesInVtest() {
        StillFrame frame = StillFrames.read(TestMedia.file("vtest.avi"), 100);
        try (Detector detector = environment.open(TestModels.yolox())) {
            List<Detection> found = detector.detect(frame);

            assertThat(found.stream().filter(d -> d.label().equals("person"))).hasSizeGreaterThanOrEqualTo(7);
            // The white van and the car parked top right, seen by eye on frame 100: x 645..768, y 35..105.
            Box parking = new Box(645, 35, 123, 70);
            assertThat(found).anySatisfy(d -> {
                assertThat(d.label()).isIn("car", "truck");
                assertThat(inside(parking, d.box().centerX(), d.box().centerY())).isTrue();
            });
            assertThat(detector.lastInferenceNanos()).isPositive();
            assertThat(detector.lastPreprocessNanos()).isPositive();
        }
    }

    @Test
    void yoloxFindsDogBicycleAndCarWhereTheyAre() {
        StillFrame photo = StillFrames.read(TestMedia.file("yolox_dog.jpg"), 0);
        try (Detector detector = environment.open(TestModels.yolox())) {
            List<Detection> found = detector.detect(photo);
            // Where the objects are in the 768x576 photo, measured by eye on the picture:
            // the dog sits at x 133..325, y 215..540; the bicycle's wheels span x 125..570, y 140..420;
            // the white pickup behind the railing spans x 467..690, y 80..170.
            expect(found, photo, 0.10f, "dog", new Box(133, 215, 192, 325));
            expect(found, photo, 0.10f, "bicycle", new Box(125, 140, 445, 280));
            expect(found, photo, 0.10f, "car|truck", new Box(467, 80, 223, 90));
        }
    }

    @Test
    void fastestDetFindsDogBicycleAndCarRoughly() {
        StillFrame photo = StillFrames.read(TestMedia.file("yolox_dog.jpg"), 0);
        try (Detector detector = environment.open(TestModels.fastestdet())) {
            List<Detection> found = detector.detect(photo);
            // Same places as above; FastestDet is coarser (22x22 grid), so 15 %.
            expect(found, photo, 0.15f, "dog", new Box(133, 215, 192, 325));
            expect(found, photo, 0.15f, "bicycle", new Box(125, 140, 445, 280));
            expect(found, photo, 0.15f, "car|truck", new Box(467, 80, 223, 90));
        }
    }

    @Test
    void includeListAndPerClassScoresFilter() {
        StillFrame frame = StillFrames.read(TestMedia.file("vtest.avi"), 100);
        try (Detector detector = environment.open(TestModels.yolox(),
                DetectorSettings.defaults(Task.OBJECTS).withIncludeLabels(Set.of("car", "truck")))) {
            assertThat(detector.detect(frame)).isNotEmpty().allSatisfy(d -> assertThat(d.label()).isIn("car", "truck"));

            detector.settings(DetectorSettings.defaults(Task.OBJECTS).withMinScore("person", 0.99f));
            assertThat(detector.detect(frame)).noneMatch(d -> d.label().equals("person")).isNotEmpty();

            detector.settings(DetectorSettings.defaults(Task.OBJECTS).withMinBoxArea(2000));
            assertThat(detector.detect(frame)).isNotEmpty().allSatisfy(d -> assertThat(d.box().area()).isGreaterThanOrEqualTo(2000));
        }
    }


    /**
     * A detection labelled {@code labels} (regex) whose centre is within {@code tolerance} × the image size of
     * the expected box's centre and which overlaps it (IoU ≥ 0.6, so its size is right too).
     */
    static void expect(List<Detection> found, StillFrame image, float tolerance, String labels, Box expected) {
        float dx = image.width() * tolerance;
        float dy = image.height() * tolerance;
        assertThat(found).as("a %s near %s", labels, expected).anySatisfy(d -> {
            assertThat(d.label()).matches(labels);
            Box b = d.box();
            assertThat(b.centerX()).isCloseTo(expected.centerX(), offset(dx));
            assertThat(b.centerY()).isCloseTo(expected.centerY(), offset(dy));
            assertThat(b.iou(expected)).isGreaterThanOrEqualTo(0.6f);
        });
    }

    static boolean inside(Box area, float x, float y) {
        return x >= area.x() && x <= area.x() + area.width() && y >= area.y() && y <= area.y() + area.height();
    }
}
