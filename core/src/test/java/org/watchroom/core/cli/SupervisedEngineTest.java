package org.watchroom.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.control.ControlClient;
import org.watchroom.core.control.EngineDescriptor;
import org.watchroom.core.engine.LiveTile;
import org.watchroom.core.frame.AwaitingFrameReader;
import org.watchroom.core.remote.AttachedEngine;
import org.watchroom.core.testing.Cli;
import org.watchroom.core.testing.SlowTest;
import org.watchroom.core.testing.Waits;

/**
 * The recorder as the workstation starts it ({@code engine --supervise}, in a session of its own): a kill -9 of the
 * engine (what a native crash in FFmpeg or ONNX Runtime does) costs seconds: the supervisor starts a new engine,
 * an attached client dials it again by itself and its tile shows pictures again; {@code engine stop --yes} ends
 * the engine and the supervisor with it.
 */
@SlowTest
class SupervisedEngineTest {
    /** What the issue asks of a recorder that crashed: the wall shows pictures again within this. */
    private static final Duration RESUME = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aKilledEngineIsStartedAgainAndAnAttachedWallResumes() throws Exception {
        Path data = dir.resolve("data");
        Process supervisor = EngineSupervisor.startDetached(data, List.of("--no-detect", "--no-api"),
                Duration.ofSeconds(90));
        long firstPid = 0;
        try {
            EngineDescriptor first = ControlClient.running(data).orElseThrow();
            firstPid = first.pid();
            assertThat(firstPid).as("the engine is the supervisor's child").isNotEqualTo(supervisor.pid());
            assertThat(ProcessHandle.of(firstPid).orElseThrow().parent().map(ProcessHandle::pid))
                    .contains(supervisor.pid());

            try (AttachedEngine attached = AttachedEngine.attach(data, signal -> { })) {
                Waits.until(Duration.ofSeconds(30), () -> attached.ports().wall().tiles().size() == 4);
                LiveTile tile = attached.ports().wall().tiles().getFirst();
                try (AwaitingFrameReader reader = new AwaitingFrameReader(data, tile.sharedFrames(), "wall:test", true)) {
                    Waits.until(Duration.ofSeconds(30), () -> reader.acquireNewest() != null);

                    ProcessHandle.of(firstPid).orElseThrow().destroyForcibly(); // kill -9
                    long killed = System.nanoTime();
                    long gone = firstPid;
                    Waits.until(Duration.ofSeconds(10), () -> ProcessHandle.of(gone).isEmpty()
                            || !ProcessHandle.of(gone).get().isAlive());
                    Waits.until(Duration.ofSeconds(60), () -> attached.connected() && attached.enginePid() != gone
                            && reader.acquireNewest() != null);
                    Duration resumed = Duration.ofNanos(System.nanoTime() - killed);
                    System.out.println("Engine killed -> attached wall shows pictures again: " + resumed.toMillis()
                            + " ms");
                    assertThat(resumed).as("back within " + RESUME.toSeconds() + " s").isLessThanOrEqualTo(RESUME);
                    assertThat(ControlClient.running(data).map(EngineDescriptor::pid)).isPresent()
                            .isNotEqualTo(Optional.of(gone));
                    assertThat(attached.ports().wall().tiles()).hasSize(4);
                }
            }

            Cli.Result stop = Cli.inDataDir(data, "engine", "stop", "--yes");
            assertThat(stop.exit()).as(stop.err()).isZero();
            assertThat(supervisor.waitFor(60, TimeUnit.SECONDS)).as(console(data)).isTrue();
            assertThat(supervisor.exitValue()).as(console(data)).isZero();
        } finally {
            ControlClient.running(data).flatMap(d -> ProcessHandle.of(d.pid())).ifPresent(ProcessHandle::destroyForcibly);
            supervisor.destroyForcibly();
        }
        assertThat(console(data)).contains("died (exit 137, signal 9)");
    }

    private static String console(Path data) throws IOException {
        String log = "";
        for (Path file : List.of(data.resolve(EngineSupervisor.CONSOLE), data.resolve("logs/watchroom.log"))) {
            if (Files.exists(file)) {
                log += Files.readString(file);
            }
        }
        return log;
    }
}
