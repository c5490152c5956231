package org.watchroom.app.wall;

import java.time.Duration;

/**
 * What a tile's menu asks of the window around the wall: where stills are saved, and playing the camera's last
 * moments. The wall's model answers, with what the window gave it.
 *
 * <p>Thread-safety: FX thread only.
 */
interface TileActions {
    /** Where "Save still" saves to; null where stills cannot be saved. */
    StillSaver stillSaver();

    /** Plays {@code tile}'s recording from {@code back} ago; false where nothing can be played. */
    boolean replay(TileViewModel tile, Duration back);
}
