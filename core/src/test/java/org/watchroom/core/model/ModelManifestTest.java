package org.watchroom.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.model.ModelSpec.Origin;
import org.watchroom.core.testing.TestModels;

class ModelManifestTest {
    private static final String SHA = "695e750a5d5754bb5a8d5325643b59282191a7e7a564e435a415fd3c578eab14";

    @TempDir
    Path dataDir;

    @Test
    void builtinManifestListsTheFiveModelsWithADefaultPerTask() {
        ModelManifest manifest = ModelManifest.load();
        assertThat(manifest.models()).extracting(ModelSpec::id)
                .containsExactly("yolox-nano", "fastestdet", "yunet", "yunet-dynamic", "ultraface-rfb320");
        assertThat(manifest.defaultFor(Task.OBJECTS).id()).isEqualTo("yolox-nano");
        assertThat(manifest.defaultFor(Task.FACES).id()).isEqualTo("yunet");
        assertThat(manifest.defaults()).extracting(ModelSpec::id).containsExactly("yolox-nano", "yunet");

        ModelSpec yolox = manifest.get("yolox-nano");
        assertThat(yolox.adapter()).isEqualTo(Adapter.YOLOX);
        assertThat(yolox.inputWidth()).isEqualTo(416);
        assertThat(yolox.inputHeight()).isEqualTo(416);
        assertThat(yolox.labels()).isEqualTo("coco80.txt");
        assertThat(yolox.origin()).isEqualTo(Origin.BUILTIN);
        ModelSpec yunet = manifest.get("yunet");
        assertThat(yunet.file()).isEqualTo("yunet_n_640_640.onnx");
        assertThat(yunet.inputWidth()).isEqualTo(640);
        assertThat(yunet.dynamicInput()).isFalse();
        assertThat(manifest.get("yunet-dynamic").dynamicInput()).isTrue();
        ModelSpec ultraface = manifest.get("ultraface-rfb320");
        assertThat(ultraface.adapter()).isEqualTo(Adapter.ULTRAFACE);
        assertThat(List.of(ultraface.inputWidth(), ultraface.inputHeight())).containsExactly(320, 240);
        ModelSpec fastest = manifest.get("fastestdet");
        assertThat(fastest.adapter()).isEqualTo(Adapter.FASTESTDET);
        assertThat(fastest.inputWidth()).isEqualTo(352);
    }

    @Test
    void everyEntryMatchesItsMirrorFileAndIsPinnedToACommit() throws Exception {
        for (ModelSpec spec : ModelManifest.load().models()) {
            Path file = TestModels.file(spec.file());
            byte[] bytes = Files.readAllBytes(file);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertThat(sha).as(spec.id() + " sha256").isEqualTo(spec.sha256());
            assertThat((long) bytes.length).as(spec.id() + " size").isEqualTo(spec.size());
            assertThat(spec.url().toString()).as(spec.id() + " url")
                    .matches("https://raw\\.githubusercontent\\.com/[^/]+/[^/]+/[0-9a-f]{40}/.+")
                    .endsWith("/" + spec.file());
            assertThat(spec.license()).as(spec.id()).isIn("Apache-2.0", "BSD-3-Clause", "MIT");
        }
    }

    @Test
    void theJarCarriesTheManifestOfTheModelsFolder() throws Exception {
        Path root = Path.of(System.getProperty("watchroom.projectRoot", ".."));
        String inRepo = Files.readString(root.resolve("models/manifest.json"));
        assertThat(ModelManifest.builtinText(ModelManifest.FILE_NAME)).contains(inRepo);
        assertThat(ModelManifest.builtinText("README.md")).as("only json and txt are copied").isEmpty();
    }

    @Test
    void coco80LabelsAreInTheStandardOrder() {
        Labels coco = Labels.forModel(ModelManifest.load().get("yolox-nano"), ModelStore.in(dataDir));
        assertThat(coco.size()).isEqualTo(80);
        assertThat(coco.names()).startsWith("person", "bicycle", "car", "motorcycle", "airplane", "bus", "train",
                "truck", "boat", "traffic light");
        assertThat(coco.names()).endsWith("scissors", "teddy bear", "hair drier", "toothbrush");
        assertThat(coco.name(62)).isEqualTo("tv");
        assertThat(coco.name(80)).isEqualTo("class 80");
        assertThat(Labels.forModel(ModelManifest.load().get("yunet"), ModelStore.in(dataDir))).isEqualTo(Labels.none());
    }

    @Test
    void labelsRejectABlankLineThatWouldShiftIds() {
        assertThat(Labels.parse("a\nb\n\n\n", "x").names()).containsExactly("a", "b");
        assertThatThrownBy(() -> Labels.parse("a\n\nb\n", "my.txt"))
                .isInstanceOf(ModelException.class).hasMessageContaining("my.txt: line 2 is blank");
        assertThatThrownBy(() -> Labels.parse("\n", "empty.txt")).hasMessageContaining("no class names");
    }

    @Test
    void unknownFieldsAreRejectedWithTheirPlace() {
        String json = manifest(entry("mine", "\"sha265\": \"" + SHA + "\""));
        assertThatThrownBy(() -> ModelManifest.parse(json, Origin.USER, "my.json"))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("Model manifest my.json: unknown field 'sha265' in models[0];")
                .hasMessageContaining("known fields: adapter,");
        assertThatThrownBy(() -> ModelManifest.parse("{\"schema\": 1, \"models\": [], \"extra\": 1}", Origin.USER, "x"))
                .hasMessageContaining("unknown field 'extra' in top level");
    }

    @Test
    void badEntriesAreRejectedWithTheModelAndTheReason() {
        assertThatThrownBy(() -> parse(entry("a", sha(SHA)), entry("a", sha(SHA))))
                .hasMessageContaining("models[1] ('a'): id 'a' appears twice");
        assertThatThrownBy(() -> parse(entry("a", sha("abc"))))
                .hasMessageContaining("models[0] ('a'): sha256 must be 64 hex digits, got 'abc'");
        assertThatThrownBy(() -> parse(entry("a", "\"size\": 5")))
                .hasMessageContaining("models[0] ('a'): missing 'sha256'");
        assertThatThrownBy(() -> parse(entry("a", sha(SHA) + ", \"default\": true"),
                entry("b", sha(SHA) + ", \"default\": true")))
                .hasMessageContaining("both 'a' and 'b' are the default for objects");
        assertThatThrownBy(() -> parse(entry("a", sha(SHA)).replace("\"ultralytics\"", "\"yunet\"")))
                .hasMessageContaining("adapter 'yunet' cannot serve task 'objects'");
        assertThatThrownBy(() -> parse(entry("a", sha(SHA)).replace("\"ultralytics\"", "\"yolov5\"")))
                .hasMessageContaining("unknown adapter 'yolov5' (expected one of yolox, fastestdet, ultralytics,");
        assertThatThrownBy(() -> parse(entry("a", sha(SHA)).replace("best.onnx", "../../etc/passwd")))
                .hasMessageContaining("must be a plain file name");
        assertThatThrownBy(() -> parse(entry("a", sha(SHA)).replace("640,", "\"big\",")))
                .hasMessageContaining("wrong value at models[0].input_width");
        assertThatThrownBy(() -> ModelManifest.parse("{\"schema\": 2, \"models\": []}", Origin.USER, "x"))
                .hasMessageContaining("'schema' must be 1, got 2");
        assertThatThrownBy(() -> ModelManifest.parse("{\"schema\": 1, \"models\": [", Origin.USER, "x"))
                .hasMessageContaining("Model manifest x is not valid JSON");
        assertThatThrownBy(() -> ModelManifest.load().get("nope"))
                .hasMessageContaining("Unknown model 'nope'. Known models: yolox-nano, fastestdet,");
    }

    @Test
    void aUserManifestAddsAnUltralyticsExportThatCanBecomeTheDefault() throws Exception {
        ModelStore store = ModelStore.in(dataDir);
        Files.createDirectories(store.dir());
        Files.writeString(store.dir().resolve("manifest.json"),
                manifest(entry("my-yolo11n", sha(SHA) + ", \"default\": true")), StandardCharsets.UTF_8);

        ModelManifest manifest = ModelManifest.load(store);
        ModelSpec mine = manifest.get("my-yolo11n");
        assertThat(mine.origin()).isEqualTo(Origin.USER);
        assertThat(mine.adapter()).isEqualTo(Adapter.ULTRALYTICS);
        assertThat(mine.url()).isNull();
        assertThat(manifest.defaultFor(Task.OBJECTS)).isEqualTo(mine);
        assertThat(manifest.get("yolox-nano").isDefault()).isFalse();
        assertThat(manifest.defaultFor(Task.FACES).id()).isEqualTo("yunet");
        assertThat(store.path(mine)).isEqualTo(store.dir().resolve("best.onnx"));
        // the user's entry names the shipped coco80.txt; a file of that name in the store would win
        assertThat(Labels.forModel(mine, store).size()).isEqualTo(80);
        Files.writeString(store.dir().resolve("coco80.txt"), "cat\ndog\n");
        assertThat(Labels.forModel(mine, store).names()).containsExactly("cat", "dog");

        Files.writeString(store.dir().resolve("manifest.json"), manifest(entry("yunet", sha(SHA))));
        assertThatThrownBy(() -> ModelManifest.load(store))
                .hasMessageContaining("id 'yunet' is already a built-in model");
    }

    private static ModelManifest parse(String... entries) {
        return ModelManifest.parse(manifest(entries), Origin.USER, "test.json");
    }

    @Test
    void eachAdapterServesTheOneTaskItsDecoderReads() {
        // the Ultralytics decoder names classes from a labels file and reads no landmarks: objects only
        assertThatThrownBy(() -> parse(entry("a", sha(SHA)).replace("\"objects\"", "\"faces\"")))
                .hasMessageContaining("adapter 'ultralytics' cannot serve task 'faces'");
        for (Adapter adapter : Adapter.values()) {
            for (Task task : Task.values()) {
                assertThat(adapter.supports(task)).as("%s %s", adapter, task).isEqualTo(adapter.task() == task);
            }
        }
    }

    private static String manifest(String... entries) {
        return "{\"schema\": 1, \"models\": [" + String.join(",", entries) + "]}";
    }

    private static String sha(String hex) {
        return "\"sha256\": \"" + hex + "\"";
    }

    private static String entry(String id, String extra) {
        return """
                {"id": "%s", "task": "objects", "adapter": "ultralytics", "file": "best.onnx",
                 "input_width": 640, "input_height": 640, "labels": "coco80.txt", "license": "AGPL-3.0", %s}
                """.formatted(id, extra);
    }
}
