package org.watchroom.app.wall;

import java.util.Optional;
import org.watchroom.core.camera.CameraSource;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.engine.LiveCamera;
import org.watchroom.core.engine.LiveTile;
import org.watchroom.core.frame.FrameReader;

/**
 * The frames of an engine in this process: each camera's display source, and its main stream in the focus view
 * (started on first use, stopped when no one watches it).
 *
 * <p>Thread-safety: FX thread only (the engine's camera list is a snapshot; starting a main stream only spawns its
 * ingest thread).
 */
public final class EngineFrames implements WallFrames {
    /** A camera that stopped between listing and showing: nothing to show, and a reader that says so. */
    private static final TileFrames NONE = new TileFrames() {
        @Override
        public FrameReader reader(String name) { return new NoFrames(name); }

        @Override
        public void showAt(int width, int height) {
        }
    };

    private final Engine engine;

    public EngineFrames(Engine engine) {
        this.engine = engine;
    }

    private Optional<LiveCamera> running(LiveTile tile) {
        return engine.running(tile.cameraId()).filter(c -> c.instance() == tile.instance());
    }

    @Override
    public TileFrames display(LiveTile tile) {
        return running(tile).map(c -> of(c.display())).orElse(NONE);
    }

    @Override
    public TileFrames focus(LiveTile tile) {
        return running(tile).map(c -> of(c.acquireMain())).orElse(NONE);
    }

    @Override
    public void unfocus(LiveTile tile) {
        running(tile).ifPresent(LiveCamera::releaseMain);
    }

    /** The ring of {@code source}, a camera in this process. */
    private static TileFrames of(CameraSource source) {
        return new TileFrames() {
            @Override
            public FrameReader reader(String name) { return source.ring().newTrailingReader(name); }

            @Override
            public void showAt(int width, int height) { source.requestOutputSize(width, height); }
        };
    }
}
