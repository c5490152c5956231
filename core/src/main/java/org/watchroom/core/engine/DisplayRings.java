package org.watchroom.core.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.camera.CameraSource;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.frame.FileAccess;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.frame.SharedFrameFolder;

/**
 * Where a camera's display frames live: in this process only, or in shared memory (decision 0023) so that a
 * workstation in another process shows them without a copy. A shared ring that cannot be made (no room in
 * {@code /dev/shm}, a file another engine still writes) costs attached walls that camera's picture, never the camera:
 * it falls back to a ring of this process, and the log says why.
 *
 * <p>Thread-safety: immutable.
 */
final class DisplayRings {
    private static final Logger LOG = LoggerFactory.getLogger(DisplayRings.class);
    /** Rings of this process only (tests, an archive engine, an engine whose folder could not be made). */
    static final DisplayRings LOCAL = new DisplayRings(Optional.empty(), FileAccess.OWNER);

    private final Optional<Path> folder;
    private final FileAccess access;

    private DisplayRings(Optional<Path> folder, FileAccess access) {
        this.folder = folder;
        this.access = access;
    }

    /** Rings in the shared frame folder of {@code dataDir}, readable as the data folder is (owner, or its group). */
    static DisplayRings shared(Path dataDir) throws IOException {
        FileAccess access = FileAccess.of(dataDir);
        return new DisplayRings(Optional.of(SharedFrameFolder.open(dataDir, access)), access);
    }

    /** A ring for the display source of camera {@code cameraId}; the camera closes it (which removes its file). */
    FrameRing ring(long cameraId, String cameraName, SourceOptions options) {
        return ring(LiveTile.framesName(cameraId), cameraName, options);
    }

    /** Whether rings are shared with other processes. */
    boolean shared() { return folder.isPresent(); }

    /** A ring in the shared file {@code fileName} (where rings are shared); whoever made it closes it. */
    FrameRing ring(String fileName, String cameraName, SourceOptions options) {
        Optional<Path> file = folder.map(f -> SharedFrameFolder.file(f, fileName));
        if (file.isPresent()) {
            try {
                return FrameRing.shared(file.get(), options.ringSlots(), options.maxWidth(), options.maxHeight(), access);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Camera '{}': its frames are not shared ({}); walls in other processes show no picture of it",
                        cameraName, e.getMessage(), e);
            }
        }
        return CameraSource.localRing(options);
    }
}
