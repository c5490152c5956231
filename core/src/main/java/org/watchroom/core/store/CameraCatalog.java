package org.watchroom.core.store;

import java.util.List;
import java.util.Optional;
import org.watchroom.core.auth.Operator;

/**
 * The configured cameras as the workstation reads and edits them: a port, so that the workstation can reach them in
 * its own process ({@link CameraStore}) or in a separate engine's (a remote implementation). Methods take and return
 * only values that serialize as JSON (records, enums, strings, numbers, times, Optional/List of those).
 *
 * <p>Thread-safety: implementations are safe from any thread; call them off the JavaFX thread (they do I/O).
 */
public interface CameraCatalog {

    /** All cameras, in id order. */
    List<Camera> list();

    Optional<Camera> find(long id);

    /** Adds the camera and returns it with its id. Needs {@code CONFIGURE_CAMERAS}. */
    Camera add(Camera camera, Operator by);

    /** Saves a changed camera. Needs {@code CONFIGURE_CAMERAS}, and {@code EDIT_RULES} when its event rules change. */
    Camera update(Camera camera, Operator by);

    /** Removes the camera; false when there was none with that id. Needs {@code CONFIGURE_CAMERAS}. */
    boolean remove(long id, Operator by);
}
