package org.watchroom.core.camera;

import java.util.Map;

/**
 * A snapshot of one source's counters, taken on demand (UI once a second, headless at exit).
 *
 * @param inputFps video packets per second over the last second
 * @param decodedFps frames written to the ring per second over the last second
 * @param bitrateKbps all packets, kilobits per second over the last second
 * @param width picture width of the stream (0 before the first frame)
 * @param height picture height of the stream
 * @param codec decoder name, e.g. {@code h264}
 * @param framesDecoded frames decoded since start
 * @param reconnects how many times the source reconnected
 * @param lastError the last failure reason, or {@code null}
 * @param decodeMsP50 median decode + scale time of recent frames
 * @param decodeMsP95 95th percentile of the same
 * @param readerDrops frames skipped per ring reader, by reader name
 * @param producerDrops frames the ring could not take (all slots busy)
 */
public record CameraStats(double inputFps, double decodedFps, double bitrateKbps, int width, int height, String codec,
                          long framesDecoded, long reconnects, String lastError, double decodeMsP50, double decodeMsP95,
                          Map<String, Long> readerDrops, long producerDrops) {
}
