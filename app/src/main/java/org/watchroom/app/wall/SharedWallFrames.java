package org.watchroom.app.wall;

import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.watchroom.app.fx.TaskExecutor;
import org.watchroom.core.engine.LiveTile;
import org.watchroom.core.engine.LiveWall;
import org.watchroom.core.frame.AwaitingFrameReader;
import org.watchroom.core.frame.FrameReader;

/**
 * The frames of an engine in another process, read from its shared frame files without a copy (decision 0023);
 * a tile's size travels to the engine through the wall's port, off the FX thread. The focus view shows the display
 * frames too: the engine does not share its main streams yet.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class SharedWallFrames implements WallFrames {
    private final Path dataDir;
    private final LiveWall wall;
    private final TaskExecutor executor;

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

    @Override
    public TileFrames focus(LiveTile tile) {
        return display(tile);
    }

    @Override
    public void unfocus(LiveTile tile) {
    }
}
