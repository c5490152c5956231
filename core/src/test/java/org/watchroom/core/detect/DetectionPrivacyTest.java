package org.watchroom.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.cli.WatchroomCli;
import org.watchroom.core.testing.OnnxTest;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.TestModels;

/**
 * A detection run leaves nothing in the user's home but Watchroom's own cache of ONNX Runtime's native libraries
 * ({@code ~/.cache/watchroom/native/onnxruntime-VERSION-PLATFORM}): no ONNX Runtime telemetry or cache folder
 * ({@code ~/.cache/Microsoft}, where newer runtimes keep telemetry state), nothing else either; and nothing in the
 * temporary folder, where ONNX Runtime would otherwise unpack its libraries anew at every start. Runs
 * {@code watchroom detect} in child JVMs with a fresh, empty HOME and tmp.
 */
@OnnxTest
class DetectionPrivacyTest {
    @TempDir
    Path temp;

    @Test
    void detectWritesNothingUnderHomeButItsNativeCacheAndNothingInTmp() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path tmp = Files.createDirectories(temp.resolve("tmp"));

        detect(home, tmp);

        assertThat(home.resolve(".cache/Microsoft")).doesNotExist();
        List<Path> underHome = everythingUnder(home).stream().filter(Files::isRegularFile).toList();
        assertThat(underHome).as("files created under HOME").isNotEmpty().allSatisfy(file ->
                assertThat(home.relativize(file).toString()).matches(
                        "\\.cache/watchroom/native/onnxruntime-1\\.\\d+\\.\\d+-linux-x64/libonnxruntime(4j_jni)?\\.so"));
        assertThat(everythingUnder(tmp)).as("left in the temporary folder").isEmpty();

        Map<Path, FileTime> unpacked = new HashMap<>();
        for (Path file : underHome) {
            Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L));
            unpacked.put(file, Files.getLastModifiedTime(file));
        }
        detect(home, tmp);

        for (Path file : underHome) {
            assertThat(Files.getLastModifiedTime(file)).as("not copied again: " + file).isEqualTo(unpacked.get(file));
        }
        assertThat(everythingUnder(home).stream().filter(Files::isRegularFile).toList())
                .containsExactlyInAnyOrderElementsOf(underHome);
        assertThat(everythingUnder(tmp)).as("left in the temporary folder").isEmpty();
    }

    private void detect(Path home, Path tmp) throws Exception {
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
    }

    private static List<Path> everythingUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !p.equals(dir)).toList();
        }
    }
}
