package org.watchroom.core.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.cli.HostedCommands;
import org.watchroom.core.control.ControlServer;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.LiveTile;
import org.watchroom.core.frame.AwaitingFrameReader;
import org.watchroom.core.frame.FrameSlot;
import org.watchroom.core.frame.SharedFrameFolder;
import org.watchroom.core.store.Database;
import org.watchroom.core.testing.Waits;

/**
 * A wall attached to an engine over its control socket: it lists the running cameras through the {@code LiveWall}
 * port, reads their pictures from the engine's shared frame files (no copy, newest first), sizes them for its tiles,
 * and sees a camera's file go when the engine stops it.
 */
class AttachedWallTest {
    @TempDir
    Path data;
    private Database database;
    private Engine engine;
    private ControlServer control;
    private AttachedEngine attached;
    private boolean engineClosed;

    @BeforeEach
    void startEngineSharingFrames() throws Exception {
        database = Database.open(data);
        engine = new Engine(database, new EventBus(), SourceOptions.defaults(), Optional.empty());
        engine.shareFrames();
        engine.start(true); // the demo wall: four test patterns, no camera needed
        control = HostedCommands.serve(engine, "engine", Optional.empty());
        attached = AttachedEngine.attach(data, signal -> { });
    }

    @AfterEach
    void stop() {
        if (!engineClosed) {
            attached.close();
            control.close();
            engine.close();
        }
        database.close();
    }

    @Test
    void theWallListsTheCamerasAndReadsTheirPicturesFromSharedMemory() throws Exception {
        List<LiveTile> tiles = attached.ports().wall().tiles();
        assertThat(tiles).hasSize(4);
        assertThat(tiles).allSatisfy(t -> assertThat(t.sharedFrames()).isEqualTo(LiveTile.framesName(t.cameraId())));
        LiveTile first = tiles.getFirst();
        Waits.until(Duration.ofSeconds(20), () -> attached.ports().wall().tiles().getFirst().state()
                instanceof CameraState.Live);

        try (AwaitingFrameReader reader = new AwaitingFrameReader(data, first.sharedFrames(), "wall:test", true)) {
            FrameSlot[] slot = new FrameSlot[1];
            Waits.until(Duration.ofSeconds(10), () -> (slot[0] = reader.acquireNewest()) != null);
            assertThat(reader.opened()).isTrue();
            long firstSequence = slot[0].sequence();
            assertThat(slot[0].pixels().isReadOnly()).as("the engine's frames, mapped read-only").isTrue();
            assertThat(lit(slot[0])).as("a test pattern, not a black picture").isGreaterThan(0.2);

            attached.ports().wall().showAt(first.cameraId(), 320, 180);
            Waits.until(Duration.ofSeconds(10), () -> {
                FrameSlot next = reader.acquireNewest();
                if (next != null) {
                    slot[0] = next;
                }
                return slot[0].width() <= 320 && slot[0].height() <= 180;
            });
            assertThat(slot[0].sequence()).isGreaterThan(firstSequence);
            assertThat(slot[0].width() >= 300 || slot[0].height() >= 165).as("the picture fills the tile: "
                    + slot[0].width() + " x " + slot[0].height()).isTrue();
            assertThat(engine.cameras().getFirst().display().ring().sharedReaders())
                    .as("the engine counts the attached reader").hasSize(1);
        }

        Path file = SharedFrameFolder.file(SharedFrameFolder.forReading(data), first.sharedFrames());
        assertThat(file).exists();
        attached.close();
        control.close();
        engine.close(); // the engine stops: its frame files go, and attached walls see it
        engineClosed = true;
        assertThat(Files.exists(file)).isFalse();
    }

    /** Share of pixels that are not near black, sampled. */
    private static double lit(FrameSlot slot) {
        int lit = 0;
        int samples = 0;
        for (int y = 0; y < slot.height(); y += 7) {
            for (int x = 0; x < slot.width(); x += 7) {
                int at = y * slot.stride() + x * 4;
                int sum = (slot.pixels().get(at) & 0xFF) + (slot.pixels().get(at + 1) & 0xFF)
                        + (slot.pixels().get(at + 2) & 0xFF);
                lit += sum > 60 ? 1 : 0;
                samples++;
            }
        }
        return lit / (double) samples;
    }
}
