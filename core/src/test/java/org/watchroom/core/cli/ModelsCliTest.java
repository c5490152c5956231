package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.Cli.Result;
import org.watchroom.core.testing.TestModels;

class ModelsCliTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path badMirror;



    private Result run(String... args) {
        return Cli.inDataDir(dataDir, args);
    }

    private Map<String, JsonNode> listJson() throws Exception {
        Result list = run("models", "list", "--json");
        assertThat(list.exit()).as(list.err()).isZero();
        Map<String, JsonNode> byId = new HashMap<>();
        new ObjectMapper().readTree(list.out()).forEach(node -> byId.put(node.get("id").asText(), node));
        return byId;
    }

    @Test
    void fetchTheDefaultsFromTheMirrorThenListThem() throws Exception {
        Map<String, JsonNode> before = listJson();
        assertThat(before).containsOnlyKeys("yolox-nano", "fastestdet", "yunet", "yunet-dynamic", "ultraface-rfb320");
        JsonNode yolox = before.get("yolox-nano");
        assertThat(yolox.get("task").asText()).isEqualTo("objects");
        assertThat(yolox.get("adapter").asText()).isEqualTo("yolox");
        assertThat(yolox.get("default").asBoolean()).isTrue();
        assertThat(yolox.get("present").asBoolean()).isFalse();
        assertThat(yolox.get("size").asLong()).isEqualTo(3660092);
        assertThat(yolox.get("license").asText()).isEqualTo("Apache-2.0");
        assertThat(before.get("yunet-dynamic").get("input_width").isNull()).isTrue();

        Result fetch = run("models", "fetch", "--mirror", TestModels.dir().toString());
        assertThat(fetch.exit()).as(fetch.err()).isZero();
        assertThat(fetch.out()).contains("Fetching 2 models into " + dataDir.resolve("models"))
                .contains("yolox-nano: ok, 3.5 MiB, sha256 verified")
                .contains("yunet: ok, 310 KiB, sha256 verified")
                .contains("Done: 2 fetched, 0 already present, 0 failed.");

        Map<String, JsonNode> after = listJson();
        assertThat(after.get("yolox-nano").get("present").asBoolean()).isTrue();
        assertThat(after.get("yunet").get("present").asBoolean()).isTrue();
        assertThat(after.get("fastestdet").get("present").asBoolean()).isFalse();
        assertThat(after.get("yunet").get("path").asText())
                .isEqualTo(dataDir.resolve("models/yunet_n_640_640.onnx").toString());

        Result again = run("models", "fetch", "--mirror", TestModels.dir().toString(), "yunet", "fastestdet");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("yunet: already present").contains("fastestdet: ok")
                .contains("Done: 1 fetched, 1 already present, 0 failed.");

        Result text = run("models", "list");
        assertThat(text.out()).containsPattern("yolox-nano +objects +yolox +yes +yes +3\\.5 MiB +Apache-2\\.0")
                .containsPattern("ultraface-rfb320 +faces +ultraface +no ")
                .contains("Store: " + dataDir.resolve("models"));
    }

    @Test
    void failuresNameTheModelAndTheExpectedHashAndExitNonZero() throws Exception {
        byte[] bytes = Files.readAllBytes(TestModels.file("yolox_nano.onnx"));
        bytes[12345] ^= 0x40;
        Files.write(badMirror.resolve("yolox_nano.onnx"), bytes);

        Result fetch = run("models", "fetch", "--mirror", badMirror.toString());
        assertThat(fetch.exit()).isEqualTo(2);
        assertThat(fetch.err()).contains("Model 'yolox-nano': checksum mismatch: expected "
                + "695e750a5d5754bb5a8d5325643b59282191a7e7a564e435a415fd3c578eab14, got ")
                .contains("Model 'yunet': yunet_n_640_640.onnx not found in mirror " + badMirror);
        assertThat(fetch.out()).contains("yolox-nano: FAILED").contains("Done: 0 fetched, 0 already present, 2 failed.");
        assertThat(dataDir.resolve("models")).isEmptyDirectory();

        Result unknown = run("models", "fetch", "--mirror", badMirror.toString(), "nope");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown model 'nope'. Known models: yolox-nano,");

        Result both = run("models", "fetch", "--all", "yunet");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("Give model ids or --all, not both.");

        Result noMirror = run("models", "fetch", "--mirror", badMirror.resolve("missing").toString());
        assertThat(noMirror.exit()).isEqualTo(2);
        assertThat(noMirror.err()).contains("is not a folder");
    }

    @Test
    void modelsAloneShowsItsSubcommands() {
        Result help = run("models");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("list").contains("fetch");
    }

    @Test
    void sizesReadLikeFileManagersShowThem() {
        assertThat(ModelsCommand.humanSize(512)).isEqualTo("512 B");
        assertThat(ModelsCommand.humanSize(317466)).isEqualTo("310 KiB");
        assertThat(ModelsCommand.humanSize(3660092)).isEqualTo("3.5 MiB");
    }
}
