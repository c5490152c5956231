package org.watchroom.core.record;

/**
 * Counters of one camera's continuous recording since its recorder started.
 *
 * <p>Thread-safety: immutable.
 *
 * @param packetsReceived video packets the camera sent to the recorder
 * @param bytesReceived   their bytes
 * @param packetsDropped  packets dropped because the writer was behind (queue full) or, for a re-encoded camera,
 *                        the encoder was
 * @param dropRuns        separate stretches of dropping (each one is a {@code dropped} gap)
 * @param queued          packets waiting for the writer now
 * @param queuedBytes     their bytes
 * @param segmentsClosed  segment files finished and hashed
 * @param segmentsDiscarded segment files deleted again (motion mode without motion, or a file that failed)
 * @param bytesWritten    bytes of the finished segment files
 * @param writeFailures   segment files that could not be created or written
 * @param writing         whether a segment is open now
 */
public record SegmentStats(long packetsReceived, long bytesReceived, long packetsDropped, long dropRuns, int queued,
                           long queuedBytes, long segmentsClosed, long segmentsDiscarded, long bytesWritten,
                           long writeFailures, boolean writing) {
}
