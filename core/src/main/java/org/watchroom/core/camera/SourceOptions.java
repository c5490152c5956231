package org.watchroom.core.camera;

import java.time.Duration;

/**
 * How a {@link CameraSource} connects and decodes.
 *
 * @param rtspTransport {@code tcp} (default, survives NAT and packet loss) or {@code udp}
 * @param ioTimeout how long one network read or connect may block before FFmpeg gives up
 * @param stallAfter no decoded frame for this long → STALLED; twice this long → forced reconnect
 * @param backoffMin first retry delay
 * @param backoffMax retry delay cap
 * @param maxWidth largest picture width written to the ring (swscale produces the size shown)
 * @param maxHeight largest picture height written to the ring
 * @param ringSlots frame ring size; at least the number of readers + 2, trailing readers counting twice
 *                  (the default 6: a wall tile (trailing), the detector, snapshots)
 * @param decodeThreads decoder threads, 0 = FFmpeg's choice
 * @param decodeOnlyWhenWatched decode only while the frame ring has a reader (a main stream kept open for
 *              recording is read but not decoded until the focus view shows it)
 * @param paced whether file and lavfi sources play at their native frame rate like a live camera (default);
 *              {@code false} decodes them as fast as possible (benchmarks). Live sources are never paced.
 */
public record SourceOptions(String rtspTransport, Duration ioTimeout, Duration stallAfter, Duration backoffMin,
                            Duration backoffMax, int maxWidth, int maxHeight, int ringSlots, int decodeThreads,
                            boolean paced, boolean decodeOnlyWhenWatched) {

    public static SourceOptions defaults() {
        return new SourceOptions("tcp", Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofMillis(500),
                Duration.ofSeconds(30), 1280, 720, 6, 1, true, false);
    }

    public SourceOptions {
        if (!rtspTransport.equals("tcp") && !rtspTransport.equals("udp")) {
            throw new IllegalArgumentException("rtsp transport must be tcp or udp, not " + rtspTransport);
        }
        if (ringSlots < 3) {
            throw new IllegalArgumentException("ringSlots must be at least 3");
        }
    }

    public SourceOptions withStallAfter(Duration stall) {
        return new SourceOptions(rtspTransport, ioTimeout, stall, backoffMin, backoffMax, maxWidth, maxHeight,
                ringSlots, decodeThreads, paced, decodeOnlyWhenWatched);
    }

    public SourceOptions withIoTimeout(Duration timeout) {
        return new SourceOptions(rtspTransport, timeout, stallAfter, backoffMin, backoffMax, maxWidth, maxHeight,
                ringSlots, decodeThreads, paced, decodeOnlyWhenWatched);
    }

    public SourceOptions withMaxSize(int width, int height) {
        return new SourceOptions(rtspTransport, ioTimeout, stallAfter, backoffMin, backoffMax, width, height,
                ringSlots, decodeThreads, paced, decodeOnlyWhenWatched);
    }

    public SourceOptions withDecodeThreads(int threads) {
        return new SourceOptions(rtspTransport, ioTimeout, stallAfter, backoffMin, backoffMax, maxWidth, maxHeight,
                ringSlots, threads, paced, decodeOnlyWhenWatched);
    }

    public SourceOptions withRtspTransport(String transport) {
        return new SourceOptions(transport, ioTimeout, stallAfter, backoffMin, backoffMax, maxWidth, maxHeight,
                ringSlots, decodeThreads, paced, decodeOnlyWhenWatched);
    }

    /** {@code false}: file and lavfi sources decode as fast as they can instead of at their frame rate. */
    public SourceOptions withPacing(boolean pacing) {
        return new SourceOptions(rtspTransport, ioTimeout, stallAfter, backoffMin, backoffMax, maxWidth, maxHeight,
                ringSlots, decodeThreads, pacing, decodeOnlyWhenWatched);
    }

    public SourceOptions withDecodeOnlyWhenWatched(boolean lazy) {
        return new SourceOptions(rtspTransport, ioTimeout, stallAfter, backoffMin, backoffMax, maxWidth, maxHeight,
                ringSlots, decodeThreads, paced, lazy);
    }
}
