package org.watchroom.app.wall;

import org.watchroom.core.frame.FrameReader;

/**
 * Where one tile's pictures come from: a source's ring in this process, or the engine's shared frame file when the
 * engine runs in another one. The tile reads through a trailing {@link FrameReader} and tells the size it shows,
 * so that the source scales, never the scene graph.
 *
 * <p>Thread-safety: {@link #reader} and {@link #showAt} on the FX thread; implementations hand I/O to other threads.
 */
public interface TileFrames {

    /** A new trailing reader of these frames, named for the engine's statistics. */
    FrameReader reader(String name);

    /** Asks for pictures that fit {@code width x height} pixels. */
    void showAt(int width, int height);
}
