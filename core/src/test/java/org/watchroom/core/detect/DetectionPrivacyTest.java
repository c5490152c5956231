package org.watchroom.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.cli.WatchroomCli;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.TestModels;

/**
 * A detection run leaves nothing in the user's home: no ONNX Runtime telemetry or cache folder
 * ({@code ~/.cache/Microsoft}, where newer runtimes keep telemetry state), nothing else either. Runs
 * {@code watchroom detect} in a child JVM with a fresh, empty HOME.
 */
class DetectionPrivacyTest {
    @TempDir
    Path temp;

    @Test
    void detectWritesNothingUnderHome() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path tmp = Files.createDirectories(temp.resolve("tmp"));
        // JavaCPP unpacks its native libraries into <user.home>/.javacpp/cache; point it at the cache this
        // build already filled, so that the only thing that could appear under HOME is what detection writes.
        Path javacppCache = Path.of(System.getProperty("user.home"), ".javacpp", "cache");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-Duser.home=" + home, "-Djava.io.tmpdir=" + tmp,
                "-Dorg.bytedeco.javacpp.cachedir=" + javacppCache,
                "-cp", System.getProperty("java.class.path"), WatchroomCli.class.getName(),
                "detect", "--model-file", TestModels.file("yolox_nano.onnx").toString(), "--adapter", "yolox",
                "--labels", TestModels.coco80File().toString(), TestMedia.file("yolox_dog.jpg").toString(), "--json"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(temp.resolve("stderr.txt").toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("XDG_CACHE_HOME");
        builder.environment().remove("XDG_CONFIG_HOME");
        builder.environment().remove("XDG_DATA_HOME");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(temp.resolve("stderr.txt"));
        assertThat(process.exitValue()).as(err).isZero();

        JsonNode detections = new ObjectMapper().readTree(out);
        assertThat(detections.findValuesAsText("label")).contains("dog", "bicycle");
        assertThat(home.resolve(".cache/Microsoft")).doesNotExist();
        assertThat(everythingUnder(home)).as("files created under HOME").isEmpty();
    }

    private static List<Path> everythingUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !p.equals(dir)).toList();
        }
    }
}
