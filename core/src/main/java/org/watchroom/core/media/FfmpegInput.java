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

/**
 * One open input (a camera's stream, a file): the demuxer. Its interrupt callback polls an abort flag so that the
 * watchdog (or stop) can break a read that blocks on a stalled server, which FFmpeg's own {@code timeout}
 * does not always catch.
 *
 * <p>Thread-safety: used by the ingest thread only; {@link #abort()} may be called from any thread.
 */
public final class FfmpegInput implements AutoCloseable {
    /**
     * What {@link #open} returns for a device input ({@code lavfi}, {@code v4l2}, {@code dshow}) when FFmpeg's
     * device library cannot load here; {@link DeviceSupport#load()} says why. Not an FFmpeg code (FFmpeg's are
     * negated errno values or negated four-character tags).
     */
    public static final int DEVICES_UNAVAILABLE = -0x7744_0001;

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

    /** Opens {@code input}; returns 0, an FFmpeg error code or {@link #DEVICES_UNAVAILABLE}. */
    public int open(MediaInput input) {
        initialise();
        if (input.device() && DeviceSupport.load().isPresent()) {
            return DEVICES_UNAVAILABLE;
        }
        AVDictionary dict = new AVDictionary(null);
        input.options().forEach((key, value) -> av_dict_set(dict, key, value, 0));
        AVInputFormat format = input.format() == null ? null : av_find_input_format(input.format());
        context = avformat_alloc_context();
        context.interrupt_callback().callback(callback);
        int result = avformat_open_input(context, input.target(), format, dict);
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
