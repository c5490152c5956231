package org.watchroom.core.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.cli.WatchroomCli;
import org.watchroom.core.testing.OnnxTest;
import org.watchroom.core.testing.TestModels;

@OnnxTest
class SelfTestTest {
    @TempDir
    Path temp;

    @Test
    void passesWithModelsFromAMirrorAndLeavesTheDataDirUntouched() throws Exception {
        Path dataDir = temp.resolve("data");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = new SelfTest(dataDir, List.of(TestModels.dir()), new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(code).as(out).isZero();
        assertThat(out).contains("models: ok", "sha256 verified", "decode: ok (640x360", "inference: ok",
                "database: ok (temporary H2, schema version");
        assertThat(out.strip()).endsWith("OK");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void failsWithTheReasonAndExitOneWhenModelsAreNowhere() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = new SelfTest(temp.resolve("data"), List.of(temp.resolve("empty")),
                new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(code).isEqualTo(1);
        assertThat(out).contains("models: FAILED (yolox-nano", "watchroom models fetch", "decode: ok",
                "inference: FAILED (no models", "database: ok");
        assertThat(out.strip()).endsWith("FAILED: models, inference");
    }

    @Test
    void damagedBundledModelIsRejectedBySha256() throws Exception {
        Path bundled = Files.createDirectories(temp.resolve("bundled"));
        for (String file : List.of("yolox_nano.onnx", "yunet_n_640_640.onnx")) {
            Files.copy(TestModels.file(file), bundled.resolve(file));
        }
        byte[] yunet = Files.readAllBytes(bundled.resolve("yunet_n_640_640.onnx"));
        yunet[yunet.length / 2] ^= 1;
        Files.write(bundled.resolve("yunet_n_640_640.onnx"), yunet);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = new SelfTest(temp.resolve("data"), List.of(bundled),
                new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();

        assertThat(code).isEqualTo(1);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("models: FAILED", "yunet", "checksum mismatch");
    }

    @Test
    void rootCommandRunsItWithMirrorProperty() {
        String previous = System.getProperty("watchroom.bundledModels");
        System.setProperty("watchroom.bundledModels", TestModels.dir().toString());
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = WatchroomCli.run(new String[] {"--self-test", "--data-dir", temp.resolve("d").toString()}, null,
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).as(out + "\n" + err).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8).strip()).endsWith("OK");
        } finally {
            if (previous == null) {
                System.clearProperty("watchroom.bundledModels");
            } else {
                System.setProperty("watchroom.bundledModels", previous);
            }
        }
    }
}
