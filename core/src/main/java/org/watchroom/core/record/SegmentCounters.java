package org.watchroom.core.record;

import java.util.concurrent.atomic.AtomicLong;
import org.watchroom.core.record.internal.PacketQueue;

/**
 * One camera's recording counters, shared by the ingest side and the writer thread of its {@link SegmentRecorder},
 * read as {@link SegmentStats}.
 *
 * <p>Thread-safety: atomic counters; {@code packetsDropped} is added to by both sides, the rest by one each.
 */
final class SegmentCounters {
    final AtomicLong packetsReceived = new AtomicLong();
    final AtomicLong bytesReceived = new AtomicLong();
    final AtomicLong packetsDropped = new AtomicLong();
    final AtomicLong dropRuns = new AtomicLong();
    final AtomicLong segmentsClosed = new AtomicLong();
    final AtomicLong segmentsDiscarded = new AtomicLong();
    final AtomicLong bytesWritten = new AtomicLong();
    final AtomicLong writeFailures = new AtomicLong();

    SegmentStats snapshot(PacketQueue queue, boolean writing) {
        return new SegmentStats(packetsReceived.get(), bytesReceived.get(), packetsDropped.get(), dropRuns.get(),
                queue.size(), queue.bytes(), segmentsClosed.get(), segmentsDiscarded.get(), bytesWritten.get(),
                writeFailures.get(), writing);
    }
}
