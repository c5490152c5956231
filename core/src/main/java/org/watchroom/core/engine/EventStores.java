package org.watchroom.core.engine;

import org.watchroom.core.store.ClipStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.DetectionStore;
import org.watchroom.core.store.EventStore;
import org.watchroom.core.store.StationaryStore;

/** The stores the event path writes to. Thread-safety: the stores are safe from any thread. */
record EventStores(EventStore events, DetectionStore detections, ClipStore clips, StationaryStore stationary) {
    static EventStores of(Database database) {
        return new EventStores(new EventStore(database), new DetectionStore(database), new ClipStore(database),
                new StationaryStore(database));
    }
}
