package org.watchroom.core.camera;

import java.util.LinkedHashMap;
import java.util.Map;
import org.watchroom.core.media.MediaInput;

/**
 * Each kind of source's quirks, in one switch: what FFmpeg opens for a camera URL (its options, its input format) and
 * how a source's reads behave. A new {@link SourceKind} does not compile until it is decided here.
 *
 * <p>Thread-safety: stateless.
 */
final class SourceInputs {
    /**
     * How much of a live stream (in stream time, microseconds) {@code avformat_find_stream_info} may read. FFmpeg's
     * default waits for about 30 H.264 frames to guess the frame rate (2 s at 15 fps, 3 s at 10 fps, up to its 5 s
     * default cap at lower rates), which eats the watchdog's connect budget (ioTimeout + stallAfter) and delays
     * every reconnect. Nothing here needs the frame rate; the decoder learns size and format from the stream.
     */
    private static final String LIVE_ANALYZE_DURATION_MICROS = "500000";

    private SourceInputs() {
    }

    /**
     * What FFmpeg opens for {@code url}. The caller checks {@link CameraUrl#refusal()} first to fail the camera with
     * its reason; checked here again because a refused graph or device must never reach FFmpeg, whoever asks.
     *
     * @throws IllegalStateException for a refused URL
     */
    static MediaInput of(CameraUrl url, SourceOptions options) {
        if (url.refusal().isPresent()) {
            throw new IllegalStateException("Refused source, not opened: " + url.refusal().get());
        }
        Map<String, String> dict = new LinkedHashMap<>();
        String timeoutMicros = Long.toString(options.ioTimeout().toNanos() / 1000);
        String address = url.address();
        // MediaInput's "network" flag: a passing failure (a missing stream, invalid data) is retried, as for a
        // webcam that went away and may return
        return switch (url.kind()) {
            case RTSP -> {
                dict.put("rtsp_transport", options.rtspTransport());
                dict.put("timeout", timeoutMicros);
                // No "fflags nobuffer": it drops the packets read while probing, so the first picture would wait
                // for the next keyframe (seconds on cameras with long GOPs) to save a few ms once per connect.
                dict.put("analyzeduration", LIVE_ANALYZE_DURATION_MICROS);
                yield new MediaInput(url.withCredentials(), null, dict, address, true, false);
            }
            case RTMP, HTTP -> {
                dict.put("rw_timeout", timeoutMicros);
                yield new MediaInput(url.withCredentials(), null, dict, address, true, false);
            }
            case LAVFI -> new MediaInput(address.substring("lavfi:".length()), "lavfi", dict, address, false, true);
            case WEBCAM -> {
                int colon = address.indexOf(':');
                yield new MediaInput(address.substring(colon + 1), address.substring(0, colon), dict, address, true, true);
            }
            case FILE -> new MediaInput(address, null, dict, address, false, false);
        };
    }

    /**
     * Whether a read that took the whole I/O timeout returns stale data as if it were new. RTSP does: when the socket
     * timeout fires inside {@code av_read_frame}, FFmpeg flushes its parser and hands out the frame it held back; and
     * an RTSP camera that never answers OPTIONS is reported as invalid data, not as a timeout.
     */
    static boolean timeoutLooksLikeData(SourceKind kind) {
        return switch (kind) {
            case RTSP -> true;
            case RTMP, HTTP, FILE, WEBCAM, LAVFI -> false;
        };
    }
}
