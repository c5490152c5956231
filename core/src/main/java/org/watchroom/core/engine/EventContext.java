package org.watchroom.core.engine;

import java.nio.file.Path;
import org.watchroom.core.record.DiskGuard;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.SegmentStore;

/**
 * What every camera's event and recording paths share: the stores, the one event-writer thread (rows in order,
 * never on a detect or segment-writer thread), where snapshots, clips and recordings go, how clips are cut and the
 * disk guards (one for the clips' disk, one for the recordings': usually the same disk, but the recordings folder
 * may be a mount of its own).
 */
record EventContext(EventStores stores, EventWriter writer, Path snapshots, Path clips, Path recordings,
                    SegmentStore segments, GapStore gaps, RecordingOptions recording, DiskGuard disk,
                    DiskGuard recordingDisk) {
}
