package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.control.ControlClient;
import org.watchroom.core.remote.AttachedEngine;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.SlowTest;

/**
 * A recorder the workstation started in the background for the demo wall alone ends once its last window is gone
 * (the demo records nothing); one with a real camera records on after its window closed.
 */
@SlowTest
class DemoEndTest {
    private static final List<String> ARGS = List.of("--no-detect", "--no-api", "--end-demo-with-windows");

    @TempDir
    Path dir;

    @Test
    void theDemoEndsWithItsLastWindowARealCameraRecordsOn() throws Exception {
        Path demo = dir.resolve("demo");
        Process demoRecorder = EngineSupervisor.startDetached(demo, ARGS, Duration.ofSeconds(90));
        Path real = dir.resolve("real");
        try (Database database = Database.open(real)) {
            People.enrolAdmin(database); // the configured camera waits for the first administrator
            new CameraStore(database).add(Camera.create("Yard", "lavfi:testsrc2=size=320x180:rate=5", null, null)
                    .withRecording("{\"mode\": \"off\"}"), People.ADMIN);
        }
        Process realRecorder = EngineSupervisor.startDetached(real, ARGS, Duration.ofSeconds(90));
        try {
            try (AttachedEngine window = AttachedEngine.attach(demo, signal -> { });
                 AttachedEngine other = AttachedEngine.attach(real, signal -> { })) {
                assertThat(window.ports().control().demo()).isTrue();
                assertThat(other.ports().control().demo()).isFalse();
            } // both windows close
            // the grace, then an orderly stop of four demo cameras and the database: slow on a loaded machine
            boolean ended = demoRecorder.waitFor(DemoEnd.GRACE.toSeconds() + 90, TimeUnit.SECONDS);
            assertThat(ended).as("the demo's recorder ends with its windows; its log:\n%s", log(demo)).isTrue();
            assertThat(demoRecorder.exitValue()).isZero();
            assertThat(log(demo)).contains("Only the demo wall ran");
            assertThat(realRecorder.waitFor(DemoEnd.GRACE.toSeconds() + 5, TimeUnit.SECONDS))
                    .as("a recorder with a camera records on").isFalse();
            assertThat(ControlClient.running(real)).isPresent();
        } finally {
            for (Path data : List.of(demo, real)) {
                ControlClient.running(data).flatMap(d -> ProcessHandle.of(d.pid())).ifPresent(ProcessHandle::destroyForcibly);
            }
            demoRecorder.destroyForcibly();
            realRecorder.destroyForcibly();
        }
    }

    /** The recorder's log and console output, for the failure message. */
    private static String log(Path data) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path file : List.of(data.resolve("logs/watchroom.log"), data.resolve(EngineSupervisor.CONSOLE))) {
            if (Files.exists(file)) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }
}
