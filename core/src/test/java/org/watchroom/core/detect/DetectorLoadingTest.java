package org.watchroom.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.playback.StillFrames;
import org.watchroom.core.testing.OnnxTest;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.TestModels;

/** Loading: clear failures for bad files and mismatched adapters, and one shared session per model file. */
@OnnxTest
class DetectorLoadingTest {
    private static InferenceEnvironment environment;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        environment = InferenceEnvironment.create();
    }

    @AfterAll
    static void stop() {
        environment.close();
    }

    @Test
    void environmentRunsOnTheCpuWithTheCpuOnlyRuntime() {
        // The onnxruntime (not onnxruntime_gpu) jar has no CUDA provider: the probe must fall back quietly.
        assertThat(environment.provider()).isEqualTo("CPU");
        assertThat(environment.intraOpThreads()).isEqualTo(1);
    }

    @Test
    void corruptFileFailsWithAClearMessage() throws IOException {
        byte[] junk = new byte[64 * 1024];
        new Random(1).nextBytes(junk);
        Path corrupt = Files.write(dir.resolve("corrupt.onnx"), junk);

        assertThatThrownBy(() -> environment.open(DetectorModel.of(corrupt, "yolox")))
                .isInstanceOf(DetectorException.class)
                .hasMessageStartingWith("Cannot load model file " + corrupt.toAbsolutePath())
                .hasMessageContaining("not a valid ONNX model");
    }

    @Test
    void missingFileFailsWithAClearMessage() {
        Path missing = dir.resolve("nowhere.onnx");
        assertThatThrownBy(() -> environment.open(DetectorModel.of(missing, "yolox")))
                .isInstanceOf(DetectorException.class)
                .hasMessage("Model file " + missing.toAbsolutePath() + " does not exist.");
    }

    @Test
    void modelOfAnotherFamilyDoesNotFitTheAdapter() {
        assertThatThrownBy(() -> environment.open(DetectorModel.of(TestModels.file("yolox_nano.onnx"), "yunet")))
                .isInstanceOf(DetectorException.class)
                .hasMessageStartingWith("Model yolox_nano.onnx does not fit adapter 'yunet': it has no input 'input'")
                .hasMessageContaining("images[1, 3, 416, 416]");
        assertThatThrownBy(() -> environment.open(DetectorModel.of(TestModels.file("yunet_n_640_640.onnx"), "ultraface")))
                .isInstanceOf(DetectorException.class)
                .hasMessageContaining("does not fit adapter 'ultraface'")
                .hasMessageContaining("it has no output 'scores'");
        assertThatThrownBy(() -> environment.open(DetectorModel.of(TestModels.file("FastestDet.onnx"), "ultralytics")))
                .isInstanceOf(DetectorException.class)
                .hasMessageContaining("FastestDet.onnx does not fit adapter 'ultralytics'");
        // A failed open gives its session back.
        assertThat(environment.sessionCount()).isZero();
    }

    @Test
    void unknownAdapterAndWrongLabelCountAreRejected() {
        assertThatThrownBy(() -> environment.open(DetectorModel.of(TestModels.file("yolox_nano.onnx"), "yolo9000")))
                .isInstanceOf(DetectorException.class)
                .hasMessageContaining("Unknown adapter 'yolo9000'")
                .hasMessageContaining("yolox, yunet, ultraface, fastestdet, ultralytics");
        DetectorModel shortLabels = TestModels.yolox().withLabels(List.of("person", "bicycle"));
        assertThatThrownBy(() -> environment.open(shortLabels))
                .isInstanceOf(DetectorException.class)
                .hasMessage("Model yolox_nano.onnx scores 80 classes but its labels list has 2 names");
    }

    @Test
    void dynamicInputSizeMustBeAMultipleOf32() {
        DetectorModel odd = TestModels.yunetDynamic().withInputSize(new InputSize(770, 576));
        assertThatThrownBy(() -> environment.open(odd))
                .isInstanceOf(DetectorException.class)
                .hasMessageContaining("multiple of 32, got 770x576");
    }

    @Test
    @SuppressWarnings("try") // closes the first detector early to show the shared session outlives it
    void detectorsOnTheSameModelShareOneSessionAndGiveSameResults() {
        StillFrame frame = StillFrames.read(TestMedia.file("yolox_dog.jpg"), 0);
        try (Detector first = environment.open(TestModels.yolox());
             Detector second = environment.open(TestModels.yolox())) {
            assertThat(environment.sessionCount()).isEqualTo(1);
            List<Detection> a = first.detect(frame);
            List<Detection> b = second.detect(frame);
            assertThat(b).extracting(Detection::label, Detection::score, Detection::box)
                    .isEqualTo(a.stream().map(d -> tuple(d.label(), d.score(), d.box())).toList());
            first.close();
            assertThat(environment.sessionCount()).isEqualTo(1);
        }
        assertThat(environment.sessionCount()).isZero();
    }

    @Test
    void closedDetectorRefusesWork() {
        StillFrame frame = StillFrames.read(TestMedia.file("astronaut.png"), 0);
        Detector detector = environment.open(TestModels.ultraface());
        detector.close();
        assertThatThrownBy(() -> detector.detect(frame))
                .isInstanceOf(IllegalStateException.class);
    }
}
