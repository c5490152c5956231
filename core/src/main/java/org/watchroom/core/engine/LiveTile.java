package org.watchroom.core.engine;

import java.util.Objects;
import org.watchroom.core.camera.CameraState;

/**
 * One running camera as a wall shows it: who it is, which run of it (a camera restarted after an edit is a new
 * tile), its state and decoded rate now, and the name of its shared frame file (empty when its frames stay in the
 * engine's process).
 *
 * @param instance     tells this run of the camera from an earlier one with the same id
 * @param decodedFps   pictures decoded per second, over the last seconds
 * @param sharedFrames the file name in the engine's shared frame folder ({@code ID.frames} without the extension),
 *                     or empty
 * @param mainFrames   the file name the camera's full-resolution stream has while a viewer watches it
 *                     ({@link LiveWall#watchMain}); empty when the display stream is the main one, or not shared
 */
public record LiveTile(long cameraId, String name, long instance, CameraState state, double decodedFps,
                       String sharedFrames, String mainFrames) {

    public LiveTile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sharedFrames, "sharedFrames");
        Objects.requireNonNull(mainFrames, "mainFrames");
    }

    /** The name of camera {@code cameraId}'s shared frame file. */
    public static String framesName(long cameraId) {
        return Long.toString(cameraId);
    }

    /** The name of camera {@code cameraId}'s main stream's shared frame file, while it is watched. */
    public static String mainFramesName(long cameraId) {
        return cameraId + "-main";
    }

    /** Whether the same run of the same camera as {@code other} (state and rate aside). */
    public boolean sameRun(LiveTile other) {
        return cameraId == other.cameraId && instance == other.instance;
    }
}
