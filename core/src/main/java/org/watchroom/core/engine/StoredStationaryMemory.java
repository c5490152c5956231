package org.watchroom.core.engine;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.event.Region;
import org.watchroom.core.event.track.StationaryMemory;
import org.watchroom.core.event.track.StationaryObject;
import org.watchroom.core.store.StationaryStore;

/**
 * One camera's stationary objects in the database: read once when its tracker starts, replaced through the
 * engine's event writer whenever they change, so that the detect thread never waits on the disk.
 *
 * <p>Thread-safety: {@link #load} and {@link #save} from the camera's detect thread; the write runs on the writer.
 */
final class StoredStationaryMemory implements StationaryMemory {
    private static final Logger LOG = LoggerFactory.getLogger(StoredStationaryMemory.class);

    private final long cameraId;
    private final StationaryStore store;
    private final EventWriter writer;

    StoredStationaryMemory(long cameraId, StationaryStore store, EventWriter writer) {
        this.cameraId = cameraId;
        this.store = store;
        this.writer = writer;
    }

    @Override
    public List<StationaryObject> load() {
        try {
            // once per camera start, a small indexed read: cheaper than making the first pass wait for the writer
            return store.list(cameraId).stream().map(r -> new StationaryObject(r.label(),
                    new Region(r.x(), r.y(), r.width(), r.height()), r.since())).toList();
        } catch (RuntimeException e) {
            LOG.warn("Camera {}: stationary objects cannot be read; parked objects may raise events once", cameraId, e);
            return List.of();
        }
    }

    @Override
    public void save(List<StationaryObject> objects) {
        List<StationaryStore.Row> rows = objects.stream().map(o -> new StationaryStore.Row(o.label(), o.box().x(),
                o.box().y(), o.box().width(), o.box().height(), o.since())).toList();
        writer.submit(EventWriter.Kind.EVENT, () -> store.replace(cameraId, rows));
    }
}
