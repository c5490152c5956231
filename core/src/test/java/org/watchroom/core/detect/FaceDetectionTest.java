package org.watchroom.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.watchroom.core.playback.StillFrames;
import org.watchroom.core.testing.OnnxTest;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.TestModels;

/** Face models on real photos and CCTV footage from the shared mirror. */
@OnnxTest
class FaceDetectionTest {
    // The astronaut's face in the 512x512 portrait, by eye: x 180..275, y 55..180.
    private static final Box ASTRONAUT_FACE = new Box(180, 55, 95, 125);

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
    void yunetFindsAllSevenFacesWithLandmarksInsideThem() {
        StillFrame photo = StillFrames.read(TestMedia.file("faces/Test7.jpg"), 0);
        try (Detector detector = environment.open(TestModels.yunet())) {
            List<Detection> faces = detector.detect(photo);

            assertThat(faces).hasSize(7).allSatisfy(face -> {
                assertThat(face.label()).isEqualTo("face");
                assertThat(face.landmarks()).hasSize(10);
                Box b = face.box();
                for (int k = 0; k < 5; k++) {
                    assertThat(face.landmarks()[2 * k]).isBetween(b.x(), b.x() + b.width());
                    assertThat(face.landmarks()[2 * k + 1]).isBetween(b.y(), b.y() + b.height());
                }
                // Right eye (first point) is left of the left eye in the picture: the subject faces the camera.
                assertThat(face.landmarks()[0]).isLessThan(face.landmarks()[2]);
            });
        }
    }

    @Test
    void yunetFindsTheAstronautsFace() {
        StillFrame photo = StillFrames.read(TestMedia.file("astronaut.png"), 0);
        try (Detector detector = environment.open(TestModels.yunet())) {
            List<Detection> faces = detector.detect(photo);

            assertThat(faces).singleElement().satisfies(face -> {
                assertThat(face.score()).isGreaterThan(0.8f);
                assertThat(face.box().iou(ASTRONAUT_FACE)).isGreaterThan(0.6f);
            });
        }
    }

    @Test
    void yunetFindsSmallFacesOfPedestriansInVtest() {
        // Faces there are 7-12 px tall. Frames chosen where the fixed 640x640 model scores a face above 0.6.
        try (Detector detector = environment.open(TestModels.yunet())) {
            for (int frame : new int[] {0, 50, 200, 400, 600}) {
                List<Detection> faces = detector.detect(StillFrames.read(TestMedia.file("vtest.avi"), frame));
                assertThat(faces).as("frame %d", frame).isNotEmpty()
                        .allSatisfy(face -> assertThat(face.box().height()).isLessThan(40));
            }
        }
    }

    @Test
    void dynamicYunetAtFullResolutionFindsFacesOnMostFrames() {
        DetectorModel spec = TestModels.yunetDynamic().withInputSize(new InputSize(768, 576));
        try (Detector detector = environment.open(spec)) {
            assertThat(detector.inputSize()).isEqualTo(new InputSize(768, 576));
            int framesWithFaces = 0;
            for (int frame = 0; frame < 790; frame += 100) {
                if (!detector.detect(StillFrames.read(TestMedia.file("vtest.avi"), frame)).isEmpty()) {
                    framesWithFaces++;
                }
            }
            assertThat(framesWithFaces).isGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void ultraFaceFindsTheAstronautsFace() {
        StillFrame photo = StillFrames.read(TestMedia.file("astronaut.png"), 0);
        try (Detector detector = environment.open(TestModels.ultraface())) {
            List<Detection> faces = detector.detect(photo);

            assertThat(faces).singleElement().satisfies(face -> {
                assertThat(face.landmarks()).isNull();
                assertThat(face.box().iou(ASTRONAUT_FACE)).isGreaterThan(0.6f);
            });
        }
    }

    @Test
    void faceCropIsAJpegOfTheFaceWithMargin() {
        StillFrame photo = StillFrames.read(TestMedia.file("astronaut.png"), 0);
        byte[] jpeg = FrameCrops.cropJpeg(photo.bgra(), photo.width(), photo.height(), photo.stride(), ASTRONAUT_FACE, 0.2f);

        assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8).hasSizeGreaterThan(1000);
        try (BytePointer bytes = new BytePointer(jpeg);
             Mat encoded = new Mat(bytes);
             Mat decoded = imdecode(encoded, IMREAD_COLOR)) {
            // 95x125 plus 20 % on each side.
            assertThat(decoded.cols()).isEqualTo(133);
            assertThat(decoded.rows()).isEqualTo(175);
        }
    }

}
