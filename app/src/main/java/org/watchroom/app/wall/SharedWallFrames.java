package org.watchroom.app.wall;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;
import org.slf4j.LoggerFactory;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.engine.LiveTile;
import org.watchroom.core.engine.LiveWall;
import org.watchroom.core.frame.AwaitingFrameReader;
import org.watchroom.core.frame.FrameReader;

/**
 * The frames of an engine in another process, read from its shared frame files without a copy (decision 0023);
 * a tile's size travels to the engine through the wall's port, off the FX thread. The focus view shows the camera's
 * full-resolution stream, which the engine shares while this window watches it.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class SharedWallFrames implements WallFrames {
    /** How often a watched main stream is renewed. */
    private static final Duration RENEW = Duration.seconds(3);

    private final Path dataDir;
    private final LiveWall wall;
    private final TaskExecutor executor;
    /** This window, as the engine tells its viewers of main streams apart. */
    private final String viewer = UUID.randomUUID().toString();
    /** The main streams this window watches, by camera id, with their renewal. */
    private final Map<Long, Timeline> watching = new HashMap<>();

    /** @param dataDir the engine's data folder (its shared frame folder is found from it) */
    public SharedWallFrames(Path dataDir, LiveWall wall, TaskExecutor executor) {
        this.dataDir = dataDir;
        this.wall = wall;
        this.executor = executor;
    }

    @Override
    public TileFrames display(LiveTile tile) {
        return new TileFrames() {
            private int width = -1;
            private int height = -1;

            @Override
            public FrameReader reader(String name) {
                // a camera whose frames the engine could not share (its log says why) has no file to wait for
                return tile.sharedFrames().isEmpty() ? new NoFrames(name)
                        : new AwaitingFrameReader(dataDir, tile.sharedFrames(), name, true);
            }

            @Override
            public void showAt(int w, int h) {
                if (w == width && h == height) {
                    return; // a layout pass repeats sizes: one call per change
                }
                width = w;
                height = h;
                executor.run(() -> wall.showAt(tile.cameraId(), w, h), () -> { }, failed -> LoggerFactory
                        .getLogger(SharedWallFrames.class).warn("Camera '{}': the engine did not take the tile's size",
                                tile.name(), failed));
            }
        };
    }

    /**
     * The camera's full-resolution stream, watched for this window: the engine keeps it while the watch is renewed
     * (every {@link #RENEW}, well within {@link LiveWall#MAIN_LEASE}); a camera without a separate main stream shows
     * its display frames.
     */
    @Override
    public TileFrames focus(LiveTile tile) {
        if (tile.mainFrames().isEmpty()) {
            return display(tile);
        }
        unfocus(tile);
        Runnable renew = () -> executor.submit(() -> wall.watchMain(tile.cameraId(), viewer), watched -> { },
                failed -> LoggerFactory.getLogger(SharedWallFrames.class).debug("Camera '{}': main stream not "
                        + "renewed: {}", tile.name(), failed.getMessage()));
        renew.run();
        Timeline renewing = new Timeline(new KeyFrame(RENEW, e -> renew.run()));
        renewing.setCycleCount(Animation.INDEFINITE);
        renewing.play();
        watching.put(tile.cameraId(), renewing);
        return new TileFrames() {
            @Override
            public FrameReader reader(String name) {
                return new AwaitingFrameReader(dataDir, tile.mainFrames(), name, true);
            }

            @Override
            public void showAt(int width, int height) {
                // the full-resolution stream is shown as it comes (scaled by the scene graph, focus view only)
            }
        };
    }

    @Override
    public void unfocus(LiveTile tile) {
        Timeline renewing = watching.remove(tile.cameraId());
        if (renewing != null) {
            renewing.stop();
            executor.run(() -> wall.unwatchMain(tile.cameraId(), viewer), () -> { }, failed -> LoggerFactory
                    .getLogger(SharedWallFrames.class).debug("Camera '{}': main stream not released: {}",
                            tile.name(), failed.getMessage()));
        }
    }
}
