package org.watchroom.core.playback;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_move_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.watchroom.core.media.BgraScaler;
import org.watchroom.core.media.FfmpegErrors;
import org.watchroom.core.media.FfmpegInput;
import org.watchroom.core.media.MediaInput;
import org.watchroom.core.media.VideoDecoder;

/**
 * Reads one clip file frame by frame: decodes forward, seeks accurately (to the keyframe before the target,
 * then decodes forward to the frame shown at the target), steps one frame either way, and scales the frame in
 * hand into a caller's BGRA buffer with swscale. Clips still being written end where their last complete
 * fragment ends; reading past it is the end of the clip, not an error.
 *
 * <p>Thread-safety: one thread at a time (the player's); packet, frames and native wrappers are reused, so
 * decoding and scaling allocate nothing per frame.
 */
public final class ClipReader implements FrameSource {
    private final FfmpegInput input;
    private final VideoDecoder decoder;
    private final BgraScaler scaler = new BgraScaler(4); // the player cycles through its four exchange buffers
    private final AVPacket packet = av_packet_alloc();
    /** The last decoded frame; kept apart because a failed receive empties the decoder's own frame. */
    private final AVFrame held = av_frame_alloc();
    private final int stream;
    private final long startPts;
    private final long timeBaseNum;
    private final long timeBaseDen;
    private ClipFormat format;
    private boolean draining;
    private long position = -1;

    private ClipReader(FfmpegInput input, VideoDecoder decoder, int stream, long durationMicros, double frameRate) {
        this.input = input;
        this.decoder = decoder;
        this.stream = stream;
        AVStream s = input.stream(stream);
        this.startPts = s.start_time() == AV_NOPTS_VALUE ? 0 : s.start_time();
        this.timeBaseNum = s.time_base().num();
        this.timeBaseDen = s.time_base().den();
        var parameters = s.codecpar();
        this.format = new ClipFormat(durationMicros, frameRate, parameters.width(), parameters.height(),
                decoder.codecName());
    }

    /** Opens {@code file} and decodes its first frame; throws {@link ClipException} saying why it cannot. */
    public static ClipReader open(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new ClipException("The clip file is missing: " + absolute);
        }
        FfmpegInput input = new FfmpegInput();
        MediaInput media = MediaInput.file(absolute);
        int result = input.open(media);
        if (result < 0 || input.videoStreamIndex() < 0) {
            input.close();
            throw new ClipException(result == AVERROR_INVALIDDATA || (input.videoStreamIndex() < 0 && result >= 0)
                    ? "The clip is damaged or not a video: " + absolute.getFileName()
                    : "The clip cannot be opened (" + FfmpegErrors.describe(result, "opening the clip", media).reason() + ")");
        }
        int index = input.videoStreamIndex();
        AVStream s = input.stream(index);
        VideoDecoder decoder;
        try {
            decoder = VideoDecoder.open(s.codecpar(), 2, false);
        } catch (VideoDecoder.DecoderException e) {
            input.close();
            throw new ClipException("The clip's video cannot be decoded here (" + FfmpegErrors.text(e.code()) + ")");
        }
        double rate = s.avg_frame_rate().num() > 0 && s.avg_frame_rate().den() > 0
                ? s.avg_frame_rate().num() / (double) s.avg_frame_rate().den()
                : s.r_frame_rate().num() > 0 && s.r_frame_rate().den() > 0
                ? s.r_frame_rate().num() / (double) s.r_frame_rate().den() : 25;
        ClipReader reader = new ClipReader(input, decoder, index, 0, rate);
        ClipFormat f = reader.format;
        reader.format = new ClipFormat(reader.scanDuration(), f.frameRate(), f.width(), f.height(), f.codec());
        if (!reader.seek(0)) {
            reader.close();
            throw new ClipException("The clip holds no picture that decodes: " + absolute.getFileName());
        }
        return reader;
    }

    /**
     * Reads every packet header once (no decoding): a fragmented MP4, above all one still being written, often
     * has no duration in its header. A few milliseconds for a minute of video.
     */
    private long scanDuration() {
        long end = 0;
        while (input.read(packet) >= 0) {
            if (packet.stream_index() == stream && packet.pts() != AV_NOPTS_VALUE) {
                end = Math.max(end, micros(packet.pts() + Math.max(0, packet.duration())));
            }
        }
        avcodec.av_packet_unref(packet);
        return end;
    }

    @Override
    public ClipFormat format() { return format; }

    /** Clip time of the frame in hand, microseconds from the clip's start; -1 before the first. */
    @Override
    public long positionMicros() { return position; }

    /** A clip plays again from its start. */
    @Override
    public long startMicros() { return 0; }

    /**
     * The presentation time of the clip's first frame in microseconds (what {@link #positionMicros()} counts
     * from): 0 for most cameras, the reorder delay for streams with B-frames. A recording segment's frame is at
     * wall time {@code startedAt + startOffsetMicros() + positionMicros()}.
     */
    public long startOffsetMicros() {
        return startPts * 1_000_000L * timeBaseNum / timeBaseDen;
    }

    /** Decodes the next frame; false at the end of the clip (the frame in hand stays). */
    @Override
    public boolean next() {
        while (true) {
            int result = decoder.receive();
            if (result == 0) {
                av_frame_unref(held);
                av_frame_move_ref(held, decoder.frame());
                long pts = held.best_effort_timestamp() != AV_NOPTS_VALUE ? held.best_effort_timestamp() : held.pts();
                position = pts == AV_NOPTS_VALUE ? position + format.frameMicros() : micros(pts);
                return true;
            }
            if (result != AVERROR_EAGAIN() || draining) {
                return false; // end of stream, or a decoder error that ends what can be shown
            }
            if (input.read(packet) < 0) {
                // end of file, or the half-written fragment of a clip being recorded: show what decoded
                decoder.sendEndOfStream();
                draining = true;
            } else if (packet.stream_index() == stream) {
                decoder.send(packet); // a damaged packet is skipped; the decoder resynchronises at the next keyframe
            }
        }
    }

    /**
     * Shows the frame on screen at {@code micros} (the one nearest to it): seeks to the keyframe before it and
     * decodes forward. Past the end it lands on the last frame. False only when nothing decodes at all.
     */
    @Override
    public boolean seek(long micros) {
        long target = Math.max(0, micros);
        if (seekAndDecode(target, pts(target))) {
            return true;
        }
        return seekAndDecode(target, startPts - 1); // an index that sent us too far: decode from the start
    }

    private boolean seekAndDecode(long target, long timestamp) {
        av_seek_frame(input.context(), stream, timestamp, AVSEEK_FLAG_BACKWARD);
        decoder.flush();
        draining = false;
        long half = format.frameMicros() / 2;
        boolean first = true;
        while (next()) {
            if (first && position > target + half && target > 0) {
                return false; // the seek overshot
            }
            first = false;
            if (position >= target - half) {
                return true;
            }
        }
        return !first;
    }

    /** The frame before the one in hand (seeks back and decodes forward); false at the first frame. */
    @Override
    public boolean stepBack() {
        if (position <= 0) {
            return false;
        }
        long was = position;
        seek(position - format.frameMicros());
        if (position >= was) { // frames closer together than the nominal rate: go one more back
            seek(was - 2 * format.frameMicros());
        }
        return position < was;
    }

    /** Scales the frame in hand into {@code target}: {@code width x height} BGRA, packed rows. */
    @Override
    public void scaleInto(ByteBuffer target, int width, int height) {
        if (held.width() > 0) {
            scaler.scale(held, target, width, height);
        }
    }

    private long micros(long pts) {
        return (pts - startPts) * 1_000_000L * timeBaseNum / timeBaseDen;
    }

    private long pts(long micros) {
        return startPts + micros * timeBaseDen / (1_000_000L * timeBaseNum);
    }

    @Override
    public void close() {
        scaler.close();
        av_packet_free(packet);
        av_frame_free(held);
        decoder.close();
        input.close();
    }
}
