package org.watchroom.core.headless;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.Cli.Result;
import org.watchroom.core.testing.SlowTest;
import org.watchroom.core.testing.TestMedia;

@SlowTest
class HeadlessCliTest {
    @TempDir
    Path dataDir;



    private static Result run(String... args) {
        return Cli.run(args);
    }

    @Test
    void headlessDemoPrintsOneJsonObjectWithFramesForEveryCamera() throws Exception {
        Result result = run("--headless", "--demo", "--duration", "10", "--data-dir", dataDir.toString(),
                "--footage", TestMedia.file("vtest.avi").toString());
        assertThat(result.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("cameras")).hasSizeGreaterThanOrEqualTo(5);
        for (JsonNode camera : json.get("cameras")) {
            assertThat(camera.get("frames_decoded").asLong()).as(camera.get("name").asText()).isPositive();
            assertThat(camera.get("fps").asDouble()).isPositive();
            assertThat(camera.get("state").asText()).isEqualTo("LIVE");
            assertThat(camera.has("reconnects")).isTrue();
            assertThat(camera.has("drops")).isTrue();
        }
    }

    @Test
    void camerasCanBeScriptedAndPasswordsStayHidden() throws Exception {
        String dir = dataDir.toString();
        Result add = run("--data-dir", dir, "cameras", "add", "--name", "Dock", "--url",
                "rtsp://ops:dock-secret@192.0.2.10/h264", "--location", "Loading dock");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).contains("Dock").doesNotContain("dock-secret");

        Result list = run("--data-dir", dir, "cameras", "list", "--json");
        JsonNode cameras = new ObjectMapper().readTree(list.out());
        assertThat(cameras).hasSize(1);
        assertThat(cameras.get(0).get("url").asText()).isEqualTo("rtsp://ops:***@192.0.2.10/h264");
        assertThat(cameras.get(0).get("location").asText()).isEqualTo("Loading dock");
        assertThat(list.out()).doesNotContain("dock-secret");

        Result bad = run("--data-dir", dir, "cameras", "add", "--name", "X", "--url", "ftp://nope");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("Unsupported URL scheme");

        long id = cameras.get(0).get("id").asLong();
        assertThat(run("--data-dir", dir, "cameras", "remove", String.valueOf(id)).exit()).isZero();
        assertThat(run("--data-dir", dir, "cameras", "list").out()).contains("No cameras configured.");
        Result missing = run("--data-dir", dir, "cameras", "remove", "999");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("No camera with id 999");
    }

    @Test
    void versionIsPrinted() {
        Result version = run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("Watchroom ");
    }
}
