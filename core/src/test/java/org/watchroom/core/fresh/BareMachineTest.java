package org.watchroom.core.fresh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.cli.WatchroomCli;
import org.watchroom.core.media.DeviceSupport;
import org.watchroom.core.testing.BareMachine;
import org.watchroom.core.testing.OnnxTest;
import org.watchroom.core.testing.SlowTest;
import org.watchroom.core.testing.TestMedia;
import org.watchroom.core.testing.TestModels;

/**
 * Watchroom on a server without sound or X libraries (see {@link BareMachine}): files and the demo's test card
 * decode, device sources fail at once with the packages to install, and the self-test passes while saying the same.
 * Each run is a child JVM, started the way an installer would start the headless engine or the self-test.
 */
@OnnxTest
@SlowTest
class BareMachineTest {
    private static final String PACKAGES = DeviceSupport.LINUX_LIBRARIES.stream()
            .map(DeviceSupport.SystemLibrary::debianPackage).collect(Collectors.joining(" "));

    @TempDir
    Path temp;

    @Test
    void fileCamerasAndTheTestCardDecodeWhileLavfiCamerasSayWhichPackagesToInstall() throws Exception {
        BareMachine.assumeAvailable();
        Result run = run("--headless", "--demo", "--no-detect", "--no-api", "--footage",
                TestMedia.file("vtest.mp4").toString(), "--duration", "6", "--data-dir", temp.resolve("data").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> cameras = StreamSupport.stream(new ObjectMapper().readTree(run.out()).get("cameras").spliterator(),
                false).toList();
        List<JsonNode> lavfi = cameras.stream().filter(c -> c.get("url").asText().startsWith("lavfi:")).toList();
        List<JsonNode> files = cameras.stream().filter(c -> !c.get("url").asText().startsWith("lavfi:")).toList();
        assertThat(files).as("the test card and the footage").hasSize(2).allSatisfy(camera -> {
            assertThat(camera.get("frames_decoded").asLong()).as(camera.toString()).isGreaterThan(10);
            assertThat(camera.get("state").asText()).isEqualTo("LIVE");
        });
        assertThat(files.getFirst().get("url").asText()).endsWith(".mp4?loop=1").contains("testcard");
        assertThat(lavfi).isNotEmpty().allSatisfy(camera -> {
            assertThat(camera.get("state").asText()).isEqualTo("FAILED");
            assertThat(camera.get("frames_decoded").asLong()).isZero();
            assertThat(camera.get("last_error").asText()).contains("sudo apt-get install " + PACKAGES)
                    .doesNotContain("UnsatisfiedLinkError", "internal error", "\n");
        });
        assertThat(run.err()).contains("FAILED: Device sources (lavfi:, v4l2:) need system libraries that are missing")
                .doesNotContain("ingest crashed");
    }

    @Test
    void theSelfTestPassesAndSaysWhatToInstallForDeviceSources() throws Exception {
        BareMachine.assumeAvailable();
        Result run = run("--self-test", "--data-dir", temp.resolve("data").toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("decode: ok (", "inference: ok (", "OK")
                .containsPattern("devices: not available \\(.*sudo apt-get install " + PACKAGES + "\\)");
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(String... arguments) throws Exception {
        Path tmp = Files.createDirectories(temp.resolve("tmp"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-Dwatchroom.models=" + TestModels.dir(), "-Dwatchroom.cache=" + temp.resolve("cache"),
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), WatchroomCli.class.getName()));
        command.addAll(List.of(arguments));
        Path err = temp.resolve("stderr.txt");
        Process process = new ProcessBuilder(BareMachine.wrap(command)).redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(Path::getFileName).map(Path::toString).toList()).as("left in tmp")
                    .noneMatch(name -> name.startsWith("onnxruntime-java"));
        }
        return new Result(process.exitValue(), out, Files.readString(err));
    }
}
