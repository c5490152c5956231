package org.watchroom.core.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.cli.HostedCommands;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.LiveTile;
import org.watchroom.core.engine.LiveWall;
import org.watchroom.core.engine.RecordingOptions;
import org.watchroom.core.frame.AwaitingFrameReader;
import org.watchroom.core.frame.FrameSlot;
import org.watchroom.core.frame.SharedFrameFolder;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.People;
import org.watchroom.core.testing.SlowTest;
import org.watchroom.core.testing.Waits;

/**
 * The focus view of a workstation attached from another process shows the camera's full-resolution stream: the engine
 * starts it and shares its frames while a viewer watches it, stops it when the viewer lets go, and when the viewer
 * stops renewing its watch (a killed workstation) after {@link LiveWall#MAIN_LEASE}.
 */
@SlowTest
class AttachedMainStreamTest {
    @TempDir
    Path data;

    @Test
    void aWatchedMainStreamIsSharedAndStopsWhenNobodyWatchesIt() throws Exception {
        try (Database db = Database.open(data);
             Engine engine = new Engine(db, new EventBus(), SourceOptions.defaults(), Optional.empty(),
                     DetectionService.off("test"), RecordingOptions.off())) {
            engine.store().add(Camera.create("Yard", "lavfi:testsrc2=size=1280x720:rate=10",
                    "lavfi:testsrc2=size=320x180:rate=10", null), People.ADMIN);
            engine.store().add(Camera.create("Lobby", "lavfi:testsrc2=size=640x360:rate=10", null, null), People.ADMIN);
            engine.shareFrames();
            engine.start(false);
            try (ControlServer control = HostedCommands.serve(engine, "engine", Optional.empty());
                 AttachedEngine attached = AttachedEngine.attach(data, signal -> { })) {
                LiveWall wall = attached.ports().wall();
                List<LiveTile> tiles = wall.tiles();
                LiveTile yard = tiles.stream().filter(t -> t.name().equals("Yard")).findFirst().orElseThrow();
                LiveTile lobby = tiles.stream().filter(t -> t.name().equals("Lobby")).findFirst().orElseThrow();
                assertThat(yard.mainFrames()).isEqualTo(LiveTile.mainFramesName(yard.cameraId()));
                assertThat(lobby.mainFrames()).as("its display stream is its main stream").isEmpty();
                assertThat(wall.watchMain(lobby.cameraId(), "viewer-1")).isFalse();
                Path mainFile = SharedFrameFolder.file(SharedFrameFolder.forReading(data), yard.mainFrames());
                assertThat(mainFile).doesNotExist();

                assertThat(wall.watchMain(yard.cameraId(), "viewer-1")).isTrue();
                try (AwaitingFrameReader reader = new AwaitingFrameReader(data, yard.mainFrames(), "focus", true)) {
                    FrameSlot[] slot = new FrameSlot[1];
                    Waits.until(Duration.ofSeconds(20), () -> (slot[0] = reader.acquireNewest()) != null);
                    assertThat(slot[0].width()).as("the full-resolution picture").isEqualTo(1280);
                    assertThat(slot[0].height()).isEqualTo(720);
                }
                wall.unwatchMain(yard.cameraId(), "viewer-1");
                Waits.until(Duration.ofSeconds(5), () -> !Files.exists(mainFile));

                assertThat(wall.watchMain(yard.cameraId(), "viewer-2")).isTrue(); // and never renewed
                long watched = System.nanoTime();
                assertThat(mainFile).exists();
                Waits.until(LiveWall.MAIN_LEASE.plusSeconds(10), () -> !Files.exists(mainFile));
                assertThat(Duration.ofNanos(System.nanoTime() - watched)).as("kept for the lease")
                        .isGreaterThanOrEqualTo(LiveWall.MAIN_LEASE.minusMillis(500));
                assertThat(control.socket()).exists();
            }
        }
    }
}
