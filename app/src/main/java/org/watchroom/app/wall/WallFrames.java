package org.watchroom.app.wall;

import org.watchroom.core.engine.LiveTile;

/**
 * The frames of the wall's tiles: each camera's display frames, and in the focus view its full-resolution stream
 * where it has one ({@link EngineFrames} for an engine in this process, {@link SharedWallFrames} for one in another).
 *
 * <p>Thread-safety: FX thread only.
 */
public interface WallFrames {

    /** The frames a tile of {@code tile} shows on the wall. */
    TileFrames display(LiveTile tile);

    /** The frames {@code tile} shows alone (focus view); pair with {@link #unfocus}. */
    TileFrames focus(LiveTile tile);

    /** {@code tile} left the focus view: its full-resolution stream may stop. */
    void unfocus(LiveTile tile);
}
