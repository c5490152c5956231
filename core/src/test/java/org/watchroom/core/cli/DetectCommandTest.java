package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.Cli.Result;
import org.watchroom.core.testing.OnnxTest;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.TestModels;

@OnnxTest
class DetectCommandTest {
    @TempDir
    Path dir;



    private static Result run(String... args) {
        return Cli.run(args);
    }

    @Test
    void facesAsJsonWithLandmarksInSourcePixels() throws Exception {
        Result result = run("detect", "--model-file", TestModels.file("yunet_n_640_640.onnx").toString(),
                "--adapter", "yunet", TestMedia.file("astronaut.png").toString(), "--json");

        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode faces = new ObjectMapper().readTree(result.out());
        assertThat(faces).hasSize(1);
        JsonNode face = faces.get(0);
        assertThat(face.get("label").asText()).isEqualTo("face");
        assertThat(face.get("score").asDouble()).isGreaterThan(0.8);
        assertThat(face.get("box").get("x").asDouble()).isBetween(160.0, 200.0);
        assertThat(face.get("box").get("width").asDouble()).isBetween(70.0, 120.0);
        assertThat(face.get("landmarks")).hasSize(10);
    }

    @Test
    void videoFrameAsTextWithTimings() {
        Result result = run("detect", "--model-file", TestModels.file("yolox_nano.onnx").toString(),
                "--adapter", "yolox", "--labels", TestModels.coco80File().toString(),
                TestMedia.file("vtest.avi").toString(), "--frame", "100");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("detection(s) in vtest.avi (yolox, CPU)").contains("inference")
                .contains("person").containsPattern("car|truck");
    }

    @Test
    void manifestModelsRunByIdOnceFetchedAndSayHowToFetchOtherwise() throws Exception {
        String data = dir.resolve("data").toString();
        Result missing = run("--data-dir", data, "detect", "--model", "yolox-nano",
                TestMedia.file("yolox_dog.jpg").toString(), "--json");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("yolox-nano").contains("models fetch");

        assertThat(run("--data-dir", data, "models", "fetch", "--mirror", TestModels.dir().toString()).exit()).isZero();
        Result found = run("--data-dir", data, "detect", "--model", "yolox-nano",
                TestMedia.file("yolox_dog.jpg").toString(), "--json");
        assertThat(found.exit()).as(found.err()).isZero();
        JsonNode detections = new ObjectMapper().readTree(found.out());
        assertThat(detections.findValuesAsText("label")).contains("dog", "bicycle");
    }

    @Test
    void corruptModelIsReportedInOneClearLine() throws Exception {
        Path corrupt = Files.write(dir.resolve("broken.onnx"), "not a model".getBytes(StandardCharsets.UTF_8));
        Result result = run("detect", "--model-file", corrupt.toString(), "--adapter", "yolox",
                TestMedia.file("astronaut.png").toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).startsWith("watchroom: Cannot load model file " + corrupt.toAbsolutePath())
                .contains("not a valid ONNX model");
    }

    @Test
    void missingModelOptionsAreExplained() {
        Result result = run("detect", TestMedia.file("astronaut.png").toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("--model-file FILE --adapter ID");
    }
}
