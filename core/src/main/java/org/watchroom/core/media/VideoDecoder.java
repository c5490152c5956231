package org.watchroom.core.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_LOW_DELAY;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_DECODER_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The avcodec send-packet / receive-frame loop for one video stream. Owns one reusable {@link AVFrame}.
 *
 * <p>Thread-safety: ingest thread only.
 */
public final class VideoDecoder implements AutoCloseable {
    private final AVCodecContext context;
    private final AVFrame frame = av_frame_alloc();
    private final String codecName;
    private final boolean intraOnly;

    private VideoDecoder(AVCodecContext context, String codecName, boolean intraOnly) {
        this.context = context;
        this.codecName = codecName;
        this.intraOnly = intraOnly;
    }

    /** Opens a decoder; throws {@link DecoderException} with FFmpeg's code when it cannot. */
    public static VideoDecoder open(AVCodecParameters parameters, int threads, boolean lowDelay) {
        AVCodec codec = avcodec_find_decoder(parameters.codec_id());
        if (codec == null) {
            throw new DecoderException(AVERROR_DECODER_NOT_FOUND);
        }
        AVCodecContext context = avcodec_alloc_context3(codec);
        int result = avcodec_parameters_to_context(context, parameters);
        if (result >= 0) {
            context.thread_count(threads);
            if (lowDelay) {
                context.flags(context.flags() | AV_CODEC_FLAG_LOW_DELAY);
            }
            result = avcodec_open2(context, codec, (PointerPointer<?>) null);
        }
        if (result < 0) {
            avcodec_free_context(context);
            throw new DecoderException(result);
        }
        int id = parameters.codec_id();
        var descriptor = avcodec.avcodec_descriptor_get(id);
        boolean intraOnly = id == avcodec.AV_CODEC_ID_WRAPPED_AVFRAME
                || id == avcodec.AV_CODEC_ID_RAWVIDEO
                || (descriptor != null && (descriptor.props() & avcodec.AV_CODEC_PROP_INTRA_ONLY) != 0);
        return new VideoDecoder(context, codec.name().getString(), intraOnly);
    }

    /** Feeds a packet; returns FFmpeg's result (EAGAIN means: receive frames first). */
    public int send(AVPacket packet) { return avcodec_send_packet(context, packet); }

    /** Tells the decoder the stream ended, so that {@link #receive()} hands out the frames it held back. */
    public int sendEndOfStream() { return avcodec_send_packet(context, (AVPacket) null); }

    /** Fetches the next decoded frame into {@link #frame()}; 0 when one is there. */
    public int receive() { return avcodec_receive_frame(context, frame); }

    /** The frame filled by the last successful {@link #receive()}. */
    public AVFrame frame() { return frame; }

    public String codecName() { return codecName; }

    /** Every packet decodes on its own (raw video, MJPEG): no need to wait for a keyframe after a gap. */
    public boolean intraOnly() { return intraOnly; }

    /** Drops buffered frames, e.g. after a seek. */
    public void flush() { avcodec_flush_buffers(context); }

    @Override
    public void close() {
        av_frame_free(frame);
        avcodec_free_context(context);
    }

    /** Carries an FFmpeg error code out of {@link #open}. */
    public static final class DecoderException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final int code;

        DecoderException(int code) {
            super("decoder error " + code, null, false, false);
            this.code = code;
        }

        public int code() { return code; }
    }
}
