package org.watchroom.core.engine;

import java.nio.file.Path;
import org.watchroom.core.record.DiskGuard;

/**
 * What every camera's event path shares: the stores, the one event-writer thread (rows in order, never on a
 * detect thread), where snapshots and clips go, how clips are cut and the disk guard.
 */
record EventContext(EventStores stores, EventWriter writer, Path snapshots, Path clips,
                    RecordingOptions recording, DiskGuard disk) {
}
