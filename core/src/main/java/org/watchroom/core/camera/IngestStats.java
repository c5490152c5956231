package org.watchroom.core.camera;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.metrics.LatencyWindow;
import org.watchroom.core.metrics.RateMeter;

/**
 * What one camera's ingest counts, read as a {@link CameraStats} snapshot: packet, frame and byte rates, decode
 * times, frames and reconnects, the stream's size and codec, the last failure.
 *
 * <p>Thread-safety: each value is written by one thread (the ingest or the converter thread) and read from any.
 * {@code framesDecoded} and the decoded rate count published frames; the decode time percentiles are per frame
 * decode (ingest thread) + convert (converter thread) time, waiting excluded.
 */
final class IngestStats {
    final RateMeter inputRate = new RateMeter();
    final RateMeter decodedRate = new RateMeter();
    final RateMeter byteRate = new RateMeter();
    final LatencyWindow decodeTimes = new LatencyWindow(128);
    final AtomicLong framesDecoded = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    volatile String lastError;
    volatile String codec = "";
    volatile int streamWidth;
    volatile int streamHeight;

    CameraStats snapshot(FrameRing ring) {
        Map<String, Long> drops = new LinkedHashMap<>();
        for (FrameRing.Reader reader : ring.readers()) {
            drops.merge(reader.name(), reader.skipped(), Long::sum);
        }
        return new CameraStats(inputRate.perSecond(), decodedRate.perSecond(), byteRate.perSecond() * 8 / 1000,
                streamWidth, streamHeight, codec, framesDecoded.get(), reconnects.get(), lastError,
                decodeTimes.percentileMillis(0.5), decodeTimes.percentileMillis(0.95), drops, ring.producerDrops());
    }
}
