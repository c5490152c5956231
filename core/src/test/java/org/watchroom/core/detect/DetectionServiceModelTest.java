package org.watchroom.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.model.ModelIdentity;
import org.watchroom.core.model.ModelManifest;
import org.watchroom.core.model.Task;
import org.watchroom.core.testing.OnnxTest;
import org.watchroom.core.testing.TestModels;

/** Which model serves which label, as stored with each event for evidence. */
@OnnxTest
class DetectionServiceModelTest {
    @TempDir
    Path dataDir;

    @Test
    void manifestModelsAreKnownByIdAndWeightsHash() {
        ModelManifest manifest = ModelManifest.load();
        try (DetectionService detection = DetectionService.open(dataDir, Optional.of(TestModels.dir()))) {
            assertThat(detection.enabled()).as(detection.status()).isTrue();
            ModelIdentity objects = ModelIdentity.of(manifest.defaultFor(Task.OBJECTS));
            assertThat(objects.version()).matches("sha256:[0-9a-f]{64}");
            assertThat(detection.modelFor("person")).contains(objects);
            assertThat(detection.modelFor("car")).contains(objects);
            assertThat(detection.modelFor("face")).contains(ModelIdentity.of(manifest.defaultFor(Task.FACES)));
        }
    }

    @Test
    void bareFilesAreKnownByNameAndOffKnowsNone() {
        try (DetectionService detection = DetectionService.forModels(TestModels.yolox(), null)) {
            assertThat(detection.modelFor("person")).contains(new ModelIdentity("yolox_nano.onnx", null));
            assertThat(detection.modelFor("face")).as("no face model loaded").isEmpty();
        }
        assertThat(DetectionService.off("test").modelFor("person")).isEmpty();
    }
}
