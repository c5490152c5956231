package org.watchroom.core.engine;

import java.time.Duration;
import java.util.List;

/**
 * What a wall needs of the running cameras, frames aside: which run now, their states and rates, the picture size
 * a tile shows, and the installers' simulated event. A port (JSON values only), so that a wall in another process
 * reads it over the control socket and the frames from shared memory.
 *
 * <p>Thread-safety: implementations are safe from any thread; remote ones block, so call them off the FX thread.
 */
public interface LiveWall {

    /** The running cameras in configuration order, as the wall shows them now. */
    List<LiveTile> tiles();

    /**
     * Asks camera {@code cameraId}'s display source for pictures that fit {@code width x height} (the tile's size in
     * pixels), so the wall never scales; 0 x 0 returns to the largest. Nothing when the camera does not run.
     */
    void showAt(long cameraId, int width, int height);

    /**
     * Starts (or keeps) camera {@code cameraId}'s full-resolution stream for {@code viewer} (a focus view; any id the
     * viewer picks) for {@link #MAIN_LEASE} from now, in its shared file ({@link LiveTile#mainFrames()}); a viewer
     * calls again before that runs out, or the stream stops when no viewer is left (a workstation killed while
     * watching costs a stream for at most that long). False when the camera does not run or has no separate main
     * stream.
     */
    boolean watchMain(long cameraId, String viewer);

    /** {@code viewer} stopped watching camera {@code cameraId}'s full-resolution stream. */
    void unwatchMain(long cameraId, String viewer);

    /** How long one {@link #watchMain} call keeps a main stream for its viewer. */
    Duration MAIN_LEASE = Duration.ofSeconds(10);

    /** Starts a simulated event of {@code label} on a running camera; false when there is none with that id. */
    boolean simulateEvent(long cameraId, String label);
}
