package org.watchroom.core.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.cli.HostedCommands;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.LiveCamera;
import org.watchroom.core.engine.RecordingOptions;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.RtspTest;
import org.watchroom.core.testing.RtspTestServer;
import org.watchroom.core.testing.SlowTest;
import org.watchroom.core.testing.Waits;

/**
 * kill -9 of a workstation attached to the engine, while it pins a frame in shared memory and holds its calls and
 * feed connections: the engine keeps decoding and recording (segments go on, nothing dropped, no gap), frees the dead
 * reader's entry, and serves the next workstation.
 */
@RtspTest
@SlowTest
class KilledWorkstationTest {
    @TempDir
    Path dir;

    @Test
    void theEngineRecordsOnAndServesTheNextWorkstation() throws Exception {
        Path data = dir.resolve("data");
        try (RtspTestServer server = RtspTestServer.start();
             Database db = Database.open(data);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty(),
                     DetectionService.off("not needed"), RecordingOptions.defaults().withMinFreeBytes(1 << 20)
                     .withSegmentLength(Duration.ofSeconds(2)))) {
            Camera camera = engine.store().add(Camera.create("Gate", server.url("/test"), null, null)
                    .withDetectSettings("{\"enabled\": false}"), People.ADMIN);
            engine.shareFrames();
            engine.start(false);
            SegmentStore segments = new SegmentStore(db);
            Waits.until(Duration.ofSeconds(30), () -> closed(segments, camera.id()).size() >= 1);
            try (ControlServer control = HostedCommands.serve(engine, "engine", Optional.empty())) {
                LiveCamera live = engine.cameras().getFirst();
                FrameRing ring = live.display().ring();
                Process workstation = child(data);
                try {
                    BufferedReader out = new BufferedReader(new InputStreamReader(workstation.getInputStream(),
                            StandardCharsets.UTF_8));
                    String said = CompletableFuture.supplyAsync(() -> {
                        try {
                            return out.readLine();
                        } catch (IOException e) {
                            return null;
                        }
                    }).get(60, TimeUnit.SECONDS);
                    assertThat(said).isEqualTo("READY");
                    assertThat(ring.sharedReaders()).as("the workstation reads shared memory").hasSize(1);
                } finally {
                    workstation.destroyForcibly(); // kill -9: pins, calls and feed left as they were
                }
                assertThat(workstation.waitFor(10, TimeUnit.SECONDS)).isTrue();
                Instant killed = Instant.now();
                long decoded = live.display().stats().framesDecoded();

                Waits.until(Duration.ofSeconds(30), () -> closed(segments, camera.id()).stream()
                        .filter(s -> s.startedAt().isAfter(killed)).count() >= 2);
                assertThat(live.display().stats().framesDecoded()).as("decoding went on").isGreaterThan(decoded + 30);
                assertThat(live.display().state()).isInstanceOf(CameraState.Live.class);
                assertThat(live.recordingStats()).hasValueSatisfying(s ->
                        assertThat(s.packetsDropped()).as("nothing lost").isZero());
                assertThat(new GapStore(db).list(camera.id(), Instant.EPOCH, Instant.now().plusSeconds(60)))
                        .as("no gap in the recording").isEmpty();
                Waits.until(Duration.ofSeconds(15), () -> ring.sharedReaders().isEmpty());
                assertThat(ring.reclaimedReaders()).isEqualTo(1);

                assertThat(control.socket()).exists();
                try (AttachedEngine next = AttachedEngine.attach(data, signal -> { })) {
                    assertThat(next.ports().wall().tiles()).singleElement()
                            .satisfies(t -> assertThat(t.state()).isInstanceOf(CameraState.Live.class));
                }
            }
        }
    }

    private static Process child(Path data) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                AttachedClientChild.class.getName(), data.toString());
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static List<Segment> closed(SegmentStore segments, long camera) {
        return segments.all(camera).stream().filter(s -> !s.open()).toList();
    }
}
