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
    void configuredCamerasWaitForTheFirstAdministratorAndRunOnceThereIsOne() throws Exception {
        String dir = dataDir.toString();
        Result add = run("--data-dir", dir, "cameras", "add", "--name", "Gate", "--url",
                "lavfi:testsrc2=size=160x120:rate=10");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.err()).contains("no administrator exists yet; the cameras start once there is one");

        Result before = run("--headless", "--no-api", "--duration", "4", "--data-dir", dir);
        assertThat(before.exit()).as(before.err()).isZero();
        assertThat(before.err()).contains("Cameras not started: they start once the first administrator exists")
                .contains("watchroom users add");
        JsonNode waiting = new ObjectMapper().readTree(before.out());
        assertThat(waiting.get("waiting_for_administrator").asBoolean()).isTrue();
        assertThat(waiting.get("demo").asBoolean()).isTrue();
        assertThat(waiting.get("cameras").findValuesAsText("name")).isNotEmpty().doesNotContain("Gate");

        Result admin = Cli.withInput("chief password\n", "--data-dir", dir, "users", "add", "--name", "chief",
                "--role", "admin", "--password-stdin");
        assertThat(admin.exit()).as(admin.err()).isZero();
        Result after = run("--headless", "--no-api", "--duration", "4", "--data-dir", dir);
        assertThat(after.err()).doesNotContain("Cameras not started");
        JsonNode running = new ObjectMapper().readTree(after.out());
        assertThat(running.has("waiting_for_administrator")).isFalse();
        assertThat(running.get("cameras").findValuesAsText("name")).containsExactly("Gate");
        assertThat(running.get("cameras").get(0).get("frames_decoded").asLong()).isPositive();
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
