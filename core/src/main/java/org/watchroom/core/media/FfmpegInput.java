package org.watchroom.core.media;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_network_init;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_seek_file;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.camera.SourceOptions;

/**
 * One open connection to a camera: the demuxer. Its interrupt callback polls an abort flag so that the
 * watchdog (or stop) can break a read that blocks on a stalled server, which FFmpeg's own {@code timeout}
 * does not always catch.
 *
 * <p>Thread-safety: used by the ingest thread only; {@link #abort()} may be called from any thread.
 */
public final class FfmpegInput implements AutoCloseable {
    /**
     * How much of a live stream (in stream time, microseconds) {@code avformat_find_stream_info} may read. FFmpeg's
     * default waits for about 30 H.264 frames to guess the frame rate (2 s at 15 fps, 3 s at 10 fps, up to its 5 s
     * default cap at lower rates), which eats the watchdog's connect budget (ioTimeout + stallAfter) and delays
     * every reconnect. Nothing here needs the frame rate; the decoder learns size and format from the stream.
     */
    private static final String LIVE_ANALYZE_DURATION_MICROS = "500000";

    /**
     * What {@link #open} returns for a device source ({@code lavfi:}, {@code v4l2:}, {@code dshow:}) when FFmpeg's
     * device library cannot load here; {@link DeviceSupport#load()} says why. Not an FFmpeg code (FFmpeg's are
     * negated errno values or negated four-character tags).
     */
    public static final int DEVICES_UNAVAILABLE = -0x7744_0001;

    /**
     * What {@link #open} returns, without asking FFmpeg, for a source that must not be opened
     * ({@link CameraUrl#refusal()}: a lavfi filter that can reach the host's files, a v4l2 path that is no video
     * device). The URL parser refuses these already; this catches rows stored before it did.
     */
    public static final int SOURCE_REFUSED = -0x7744_0002;

    private static boolean initialised;

    private final AtomicBoolean abort = new AtomicBoolean();
    private final AbortCallback callback = new AbortCallback(abort);
    private AVFormatContext context;
    private int videoStream = -1;
    private AVStream[] streams = new AVStream[0];

    /**
     * Routes FFmpeg's log to {@link FfmpegLog} and starts its network stack, once per process. The device library
     * is not loaded here: {@link DeviceSupport} loads it for the first device source.
     */
    public static synchronized void initialise() {
        if (!initialised) {
            initialised = true;
            FfmpegLog.install();
            avformat_network_init();
        }
    }

    /** Opens {@code url}; returns 0, an FFmpeg error code, {@link #SOURCE_REFUSED} or {@link #DEVICES_UNAVAILABLE}. */
    public int open(CameraUrl url, SourceOptions options) {
        if (url.refusal().isPresent()) { // before anything loads: the graph must never reach FFmpeg
            return SOURCE_REFUSED;
        }
        initialise();
        if (url.kind().device() && DeviceSupport.load().isPresent()) {
            return DEVICES_UNAVAILABLE;
        }
        AVDictionary dict = new AVDictionary(null);
        String timeoutMicros = Long.toString(options.ioTimeout().toNanos() / 1000);
        String target = url.withCredentials();
        AVInputFormat format = null;
        switch (url.kind()) {
            case RTSP -> {
                av_dict_set(dict, "rtsp_transport", options.rtspTransport(), 0);
                av_dict_set(dict, "timeout", timeoutMicros, 0);
                // No "fflags nobuffer": it drops the packets read while probing, so the first picture would wait
                // for the next keyframe (seconds on cameras with long GOPs) to save a few ms once per connect.
                av_dict_set(dict, "analyzeduration", LIVE_ANALYZE_DURATION_MICROS, 0);
            }
            case RTMP, HTTP -> {
                av_dict_set(dict, "rw_timeout", timeoutMicros, 0);
            }
            case LAVFI -> {
                format = av_find_input_format("lavfi");
                target = url.address().substring("lavfi:".length());
            }
            case WEBCAM -> {
                int colon = url.address().indexOf(':');
                format = av_find_input_format(url.address().substring(0, colon));
                target = url.address().substring(colon + 1);
            }
            case FILE -> { }
        }
        context = avformat_alloc_context();
        context.interrupt_callback().callback(callback);
        int result = avformat_open_input(context, target, format, dict);
        av_dict_free(dict);
        if (result < 0) {
            context = null; // FFmpeg frees the context when open fails
            return result;
        }
        result = avformat_find_stream_info(context, (PointerPointer<?>) null);
        if (result < 0) {
            return result;
        }
        videoStream = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, (PointerPointer<?>) null, 0);
        cacheStreams();
        return Math.min(videoStream, 0);
    }

    public int videoStreamIndex() { return videoStream; }

    /** The stream with that index; the wrappers are cached so that reading packets allocates nothing. */
    public AVStream stream(int index) {
        if (index >= streams.length) { // a stream that appeared after the header (rare, e.g. MPEG-TS)
            cacheStreams();
        }
        return streams[index];
    }

    private void cacheStreams() {
        AVStream[] all = new AVStream[context.nb_streams()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i < streams.length ? streams[i] : context.streams(i);
        }
        streams = all;
    }

    public AVFormatContext context() { return context; }

    /** Reads the next packet into {@code packet} (unreferenced first); returns 0 or an FFmpeg error code. */
    public int read(AVPacket packet) {
        avcodec.av_packet_unref(packet);
        return av_read_frame(context, packet);
    }

    /** Seeks back to the first keyframe, for looping files. */
    public int rewind() {
        return avformat_seek_file(context, -1, Long.MIN_VALUE, 0, Long.MAX_VALUE, AVSEEK_FLAG_BACKWARD);
    }

    /** Makes the current and every later blocking call return at once. Any thread. */
    public void abort() { abort.set(true); }

    /** Whether {@link #abort()} was called. */
    public boolean aborted() { return abort.get(); }

    @Override
    public void close() {
        if (context != null) {
            avformat_close_input(context);
            context = null;
        }
        callback.close();
    }

    /** FFmpeg calls this during blocking I/O; non-zero means give up. */
    private static final class AbortCallback extends AVIOInterruptCB.Callback_Pointer {
        private final AtomicBoolean abort;

        AbortCallback(AtomicBoolean abort) { this.abort = abort; }

        @Override
        public int call(Pointer opaque) { return abort.get() ? 1 : 0; }
    }
}
