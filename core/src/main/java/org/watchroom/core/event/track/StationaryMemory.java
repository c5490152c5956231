package org.watchroom.core.event.track;

import java.util.List;

/**
 * Where one camera's stationary objects are kept between runs of the engine (the database, in the engine).
 *
 * <p>Thread-safety: implementations are called from the camera's detect thread and must not block it on a disk
 * (queue the write); {@link #load} is called once, when the camera's tracker starts.
 */
public interface StationaryMemory {

    /** Keeps nothing: every start begins without stationary objects. */
    StationaryMemory NONE = new StationaryMemory() {
        @Override
        public List<StationaryObject> load() {
            return List.of();
        }

        @Override
        public void save(List<StationaryObject> objects) {
        }
    };

    /** The objects saved last for this camera. */
    List<StationaryObject> load();

    /** Replaces this camera's saved objects (called only when they change). */
    void save(List<StationaryObject> objects);
}
