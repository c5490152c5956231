package org.watchroom.core.record;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.media.FfmpegErrors;
import org.watchroom.core.media.VideoDecoder;

/**
 * The fallback for codecs the MP4 muxer refuses (MJPEG from some cameras, MS-MPEG4, raw video): packets are
 * cloned into a bounded queue and a worker thread decodes them, converts to YUV 4:2:0, encodes H.264 with
 * libopenh264 (the only H.264 encoder bundled) with a keyframe at least every second, and writes the result
 * with a {@link ClipWriter} ({@code streamCopied = false}). Encoding is too slow for the ingest thread.
 *
 * <p>Drop policy: when the queue (about 5 s of video at 30 fps) is full the packet is freed and counted, and
 * every packet up to the next keyframe is dropped too (they could not be decoded without it): the clip skips,
 * the camera never waits for the encoder.
 *
 * <p>Thread-safety: {@link #write} and {@link #finish} on the owner's thread (the recorder's lock); the rest
 * belongs to the worker. {@link #finish} returns at once; the result arrives on the worker thread.
 */
final class TranscodingClip implements ClipOutput {
    private static final Logger LOG = LoggerFactory.getLogger(TranscodingClip.class);
    private static final int QUEUE = 150;
    private static final String ENCODER = "libopenh264";

    private record Item(AVPacket packet, long arrivalMillis) { }

    private static final Item END = new Item(null, 0);

    private final Path file;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final VideoDecoder decoder;
    private final AVRational inTimeBase;
    private final Thread worker;
    private volatile Instant startedAt;
    private volatile Consumer<Result> done;
    private boolean skipToKey = true; // owner thread: the decoder needs a keyframe first
    private boolean released;
    // worker state
    private AVCodecContext encoder;
    private ClipWriter writer;
    private SwsContext scaler;
    private AVFrame yuv;
    private final AVPacket encoded = av_packet_alloc();
    private long firstPts = AV_NOPTS_VALUE;
    private long lastPts = Long.MIN_VALUE;
    private long lastKeyPts = Long.MIN_VALUE;
    private long lastArrival;

    /** How a re-encoded clip ended: {@code info} or, if it failed, {@code failure}. */
    record Result(ClipInfo info, String failure, long droppedPackets) { }

    private TranscodingClip(String camera, Path file, StreamParams params) {
        this.file = file;
        this.inTimeBase = avutil.av_make_q(params.timeBase().num(), params.timeBase().den());
        this.decoder = VideoDecoder.open(params.parameters(), 1, false);
        this.worker = Thread.ofPlatform().name("record-" + camera).daemon().unstarted(this::run);
    }

    /** Checks that an encoder is there, opens the decoder and starts the worker. */
    static TranscodingClip open(String camera, Path file, StreamParams params) throws IOException {
        if (avcodec_find_encoder_by_name(ENCODER) == null) {
            throw new IOException("no " + ENCODER + " encoder in this FFmpeg build: cannot re-encode");
        }
        TranscodingClip clip;
        try {
            clip = new TranscodingClip(camera, file, params);
        } catch (VideoDecoder.DecoderException e) {
            throw new IOException("cannot decode the camera's codec to re-encode it: " + FfmpegErrors.text(e.code()));
        }
        clip.worker.start();
        return clip;
    }

    @Override
    public Path file() { return file; }

    @Override
    public Instant startedAt() { return startedAt; }

    long dropped() { return dropped.get(); }

    @Override
    public boolean write(AVPacket packet, long arrivalMillis) {
        if (released) {
            return false;
        }
        boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
        if (skipToKey && !key) {
            return false;
        }
        skipToKey = false;
        if (startedAt == null) {
            startedAt = Instant.ofEpochMilli(arrivalMillis);
        }
        AVPacket clone = av_packet_clone(packet);
        if (clone == null || !queue.offer(new Item(clone, arrivalMillis))) {
            av_packet_free(clone);
            dropped.incrementAndGet();
            skipToKey = true;
            return false;
        }
        return true;
    }

    /** Ends the clip; {@code result} is called on the worker thread once the file is complete. */
    void finish(Consumer<Result> result) {
        done = result;
        enqueueEnd();
    }

    @Override
    public void release() {
        if (!released) {
            released = true;
            finish(r -> { });
        }
    }

    private void enqueueEnd() {
        try {
            queue.put(END); // the worker keeps taking, so this waits for one packet's decode at most
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        String failure = null;
        Throwable error = null;
        try {
            while (true) {
                Item item = queue.take();
                if (item == END) {
                    break;
                }
                try {
                    if (failure == null) {
                        lastArrival = item.arrivalMillis();
                        decode(item.packet());
                    }
                } finally {
                    av_packet_free(item.packet());
                }
            }
            if (failure == null) {
                decode(null); // frames the decoder held back
                encode(null);
            }
        } catch (IOException | RuntimeException e) {
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
            error = e;
            drainQueue();
        } catch (InterruptedException e) {
            failure = "interrupted";
        }
        ClipInfo info = null;
        try {
            if (writer != null) {
                info = writer.close();
            }
        } catch (IOException e) {
            failure = failure == null ? e.getMessage() : failure;
            error = error == null ? e : error;
        } finally {
            freeWorkerState();
        }
        if (failure == null && info == null) {
            failure = "no picture could be decoded";
        }
        if (failure != null) {
            LOG.warn("Re-encoded clip {} failed: {}", file, failure, error); // error is null when nothing threw
        }
        Consumer<Result> callback = done;
        if (callback != null) {
            callback.accept(new Result(failure == null ? info : null, failure, dropped.get()));
        }
    }

    private void drainQueue() {
        Item item;
        while ((item = queue.poll()) != null) {
            av_packet_free(item.packet());
        }
        // keep taking until END so that the owner's put() never blocks on a dead worker
        try {
            while ((item = queue.take()) != END) {
                av_packet_free(item.packet());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void decode(AVPacket packet) throws IOException {
        int result = packet == null ? decoder.sendEndOfStream() : decoder.send(packet);
        if (result < 0 && result != AVERROR_EAGAIN()) {
            return; // a corrupt packet: skipped like the live view does
        }
        while (decoder.receive() == 0) {
            AVFrame frame = decoder.frame();
            if (encoder == null) {
                openEncoder(frame);
            }
            long pts = frame.best_effort_timestamp();
            if (pts == AV_NOPTS_VALUE) {
                pts = lastPts == Long.MIN_VALUE ? 0 : lastPts + 1;
            }
            if (firstPts == AV_NOPTS_VALUE) {
                firstPts = pts;
            }
            pts -= firstPts;
            if (pts <= lastPts) {
                pts = lastPts + 1; // a loop or a reconnect: keep the encoder's input increasing
            }
            lastPts = pts;
            av_frame_make_writable(yuv);
            sws_scale(scaler, frame.data(), frame.linesize(), 0, frame.height(), yuv.data(), yuv.linesize());
            yuv.pts(pts);
            // a keyframe at least every second, whatever the source's frame rate: clips cut on keyframes
            boolean key = lastKeyPts == Long.MIN_VALUE
                    || (pts - lastKeyPts) * inTimeBase.num() >= inTimeBase.den();
            yuv.pict_type(key ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
            if (key) {
                lastKeyPts = pts;
            }
            encode(yuv);
        }
    }

    private void openEncoder(AVFrame frame) throws IOException {
        AVCodec codec = avcodec_find_encoder_by_name(ENCODER);
        int width = frame.width() & ~1;
        int height = frame.height() & ~1;
        encoder = avcodec_alloc_context3(codec);
        encoder.width(width);
        encoder.height(height);
        encoder.pix_fmt(AV_PIX_FMT_YUV420P);
        encoder.time_base(inTimeBase);
        encoder.gop_size(Integer.MAX_VALUE / 2); // keyframes are forced each second instead
        encoder.bit_rate(Math.max(500_000L, (long) width * height * 3)); // ≈ 1.3 Mbit/s at 768x576
        encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER); // MP4 wants SPS/PPS as extradata
        int result = avcodec_open2(encoder, codec, (PointerPointer<?>) null);
        if (result < 0) {
            throw new IOException("cannot open " + ENCODER + ": " + FfmpegErrors.text(result));
        }
        yuv = av_frame_alloc();
        yuv.format(AV_PIX_FMT_YUV420P);
        yuv.width(width);
        yuv.height(height);
        if (av_frame_get_buffer(yuv, 0) < 0) {
            throw new IOException("cannot allocate a picture");
        }
        scaler = sws_getContext(frame.width(), frame.height(), frame.format(), width, height, AV_PIX_FMT_YUV420P,
                SWS_BILINEAR, null, null, (DoublePointer) null);
        if (scaler == null) {
            throw new IOException("cannot convert pixel format " + frame.format());
        }
        AVCodecParameters parameters = avcodec_parameters_alloc();
        try {
            avcodec_parameters_from_context(parameters, encoder);
            writer = ClipWriter.open(file, parameters, encoder.time_base(), false);
        } finally {
            avcodec_parameters_free(parameters);
        }
    }

    private void encode(AVFrame frame) throws IOException {
        if (encoder == null) {
            return;
        }
        int result = avcodec_send_frame(encoder, frame);
        if (result < 0 && frame != null) {
            throw new IOException("encoder refused a picture: " + FfmpegErrors.text(result));
        }
        while (avcodec_receive_packet(encoder, encoded) == 0) {
            writer.write(encoded, lastArrival);
            av_packet_unref(encoded);
        }
    }

    private void freeWorkerState() {
        decoder.close();
        if (encoder != null) {
            avcodec_free_context(encoder);
        }
        if (scaler != null) {
            sws_freeContext(scaler);
        }
        if (yuv != null) {
            av_frame_free(yuv);
        }
        av_packet_free(encoded);
    }
}
