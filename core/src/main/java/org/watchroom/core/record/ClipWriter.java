package org.watchroom.core.record;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.FF_COMPLIANCE_NORMAL;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.media.FfmpegErrors;
import org.watchroom.core.media.FfmpegInput;

/**
 * Stream-copies one video stream into a fragmented MP4 ({@code frag_keyframe+delay_moov+default_base_moof}: a
 * fragment per GOP, flushed as it completes, so a file cut off by a crash or {@code kill -9} still plays up to its
 * last fragment). Packets before the first keyframe are skipped; timestamps are rebased so that the first
 * keyframe's DTS is 0, rescaled to the muxer's time base and kept strictly increasing: a missing DTS is taken
 * from the PTS or the previous packet, and a jump backwards (a looping file, a reconnect with the same
 * parameters) continues one frame after the previous packet instead of confusing the muxer.
 * With B-frames (vtest.mp4) the first DTS is 0 and the first PTS is the reorder delay (0.2 s there): rebasing
 * on the PTS instead would need negative DTS (an edit list in the fragmented file; not tried). Cameras rarely
 * send B-frames (the RTSP test stream has none: its first PTS is 0 too).
 *
 * <p>Thread-safety: not thread-safe; one owner (the {@link Recorder}, under its lock).
 */
public final class ClipWriter implements ClipOutput {
    private static final String MOVFLAGS = "frag_keyframe+delay_moov+default_base_moof";

    private final Path file;
    private final AVFormatContext context;
    private final AVRational outTimeBase; // the muxer's choice, fixed once the header is written
    private final AVPacket scratch = av_packet_alloc();
    private final int inNum;
    private final int inDen;
    private final AVRational inTimeBase;
    private final String codec;
    private final boolean streamCopied;
    private boolean started;
    private boolean closed;
    private long offset; // input time base: the first keyframe's DTS
    private long shift; // output time base: added after a jump backwards
    private long lastDts = Long.MIN_VALUE;
    private long lastDuration;
    private long end; // output time base: the largest pts + duration written
    private long packetsWritten;
    private Instant startedAt;

    /** The codec cannot go into MP4 by stream copy (e.g. raw video); it would need re-encoding. */
    public static final class UnsupportedCodecException extends IOException {
        private static final long serialVersionUID = 1L;

        public UnsupportedCodecException(String message) { super(message); }
    }

    private ClipWriter(Path file, AVFormatContext context, AVStream out, AVRational inTimeBase, String codec,
                       boolean streamCopied) {
        this.streamCopied = streamCopied;
        this.file = file;
        this.context = context;
        this.outTimeBase = out.time_base(); // one wrapper: the getter allocates a new one per call
        this.inNum = inTimeBase.num();
        this.inDen = inTimeBase.den();
        this.inTimeBase = avutil.av_make_q(inNum, inDen);
        this.codec = codec;
    }

    /**
     * Whether {@code codecId} can be stream-copied into a clip: the MP4 muxer must take it, and it must not be
     * MJPEG, which the muxer accepts but browsers and most players do not play (and which is 5-10x the size of
     * H.264), so MJPEG cameras are re-encoded too.
     */
    public static boolean canStreamCopy(int codecId) {
        if (codecId == avcodec.AV_CODEC_ID_MJPEG) {
            return false;
        }
        FfmpegInput.initialise();
        AVOutputFormat mp4 = avformat.av_guess_format("mp4", null, null);
        return avformat_query_codec(mp4, codecId, FF_COMPLIANCE_NORMAL) == 1;
    }

    /**
     * Creates {@code file} (parents included) for a stream with {@code parameters} and {@code timeBase}; the
     * parameters are copied, the caller keeps its own.
     */
    public static ClipWriter open(Path file, AVCodecParameters parameters, AVRational timeBase) throws IOException {
        if (!canStreamCopy(parameters.codec_id())) {
            throw new UnsupportedCodecException("codec " + avcodec_get_name(parameters.codec_id()).getString()
                    + " cannot be stream-copied into MP4; use a Recorder, which re-encodes it");
        }
        return open(file, parameters, timeBase, true);
    }

    /** {@code streamCopied} false: the packets come from our own encoder ({@link TranscodingClip}). */
    static ClipWriter open(Path file, AVCodecParameters parameters, AVRational timeBase, boolean streamCopied)
            throws IOException {
        String codec = avcodec_get_name(parameters.codec_id()).getString();
        Files.createDirectories(file.toAbsolutePath().getParent());
        AVFormatContext context = new AVFormatContext(null);
        int result = avformat_alloc_output_context2(context, null, "mp4", file.toString());
        if (result < 0 || context.isNull()) {
            throw new IOException("cannot create an MP4 muxer: " + FfmpegErrors.text(result));
        }
        boolean ok = false;
        AVDictionary options = new AVDictionary(null);
        try {
            AVStream out = avformat_new_stream(context, null);
            if (out == null) {
                throw new IOException("cannot add a stream to the MP4 muxer");
            }
            result = avcodec_parameters_copy(out.codecpar(), parameters);
            if (result < 0) {
                throw new IOException("cannot copy codec parameters: " + FfmpegErrors.text(result));
            }
            out.codecpar().codec_tag(0); // the demuxer's tag (e.g. an AVI FourCC) means nothing in MP4
            out.time_base(timeBase); // a hint; the muxer picks its own in avformat_write_header
            if ((context.oformat().flags() & AVFMT_NOFILE) == 0) {
                AVIOContext io = new AVIOContext(null);
                result = avio_open(io, file.toString(), AVIO_FLAG_WRITE);
                if (result < 0) {
                    throw new IOException("cannot create " + file + ": " + FfmpegErrors.text(result));
                }
                context.pb(io);
            }
            av_dict_set(options, "movflags", MOVFLAGS, 0);
            // Push each finished fragment to the file at once rather than when AVIO's buffer fills: what a
            // kill -9 leaves behind then ends at the last complete fragment.
            av_dict_set(options, "flush_packets", "1", 0);
            result = avformat_write_header(context, options);
            if (result < 0) {
                throw new IOException("cannot write the MP4 header: " + FfmpegErrors.text(result));
            }
            ok = true;
            return new ClipWriter(file, context, out, timeBase, codec, streamCopied);
        } finally {
            av_dict_free(options);
            if (!ok) {
                if (context.pb() != null && !context.pb().isNull()) {
                    avio_closep(context.pb());
                }
                avformat_free_context(context);
            }
        }
    }

    @Override
    public Path file() { return file; }

    /** Whether the first keyframe has been written. */
    public boolean started() { return started; }

    /**
     * Writes a reference to {@code packet} (the caller keeps its own); {@code arrivalMillis} is its wall time.
     * Returns false for packets skipped before the first keyframe.
     */
    @Override
    public boolean write(AVPacket packet, long arrivalMillis) throws IOException {
        return write(packet, arrivalMillis, false);
    }

    /**
     * Like {@link #write(AVPacket, long)} but hands the caller's own reference to the muxer instead of taking a new
     * one: {@code packet} is left blank (or unchanged when it was skipped). For a caller that owns the packet and is
     * done with it (the segment recorder's queue slot): one reference and one release fewer per packet.
     */
    boolean writeOwned(AVPacket packet, long arrivalMillis) throws IOException {
        return write(packet, arrivalMillis, true);
    }

    private boolean write(AVPacket packet, long arrivalMillis, boolean owned) throws IOException {
        if (closed) {
            throw new IllegalStateException("clip closed");
        }
        boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
        long dts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
        if (!started) {
            if (!key || dts == AV_NOPTS_VALUE) {
                return false;
            }
            started = true;
            offset = dts;
            startedAt = Instant.ofEpochMilli(arrivalMillis);
        }
        long pts = packet.pts();
        AVPacket out = packet;
        if (!owned) {
            int result = av_packet_ref(scratch, packet);
            if (result < 0) {
                throw new IOException("cannot reference a packet: " + FfmpegErrors.text(result));
            }
            out = scratch;
        }
        out.stream_index(0);
        out.pos(-1);
        out.dts(dts == AV_NOPTS_VALUE ? AV_NOPTS_VALUE : dts - offset);
        out.pts(pts == AV_NOPTS_VALUE ? AV_NOPTS_VALUE : pts - offset);
        av_packet_rescale_ts(out, inTimeBase, outTimeBase);
        long outDts;
        if (out.dts() == AV_NOPTS_VALUE) {
            outDts = lastDts == Long.MIN_VALUE ? 0 : lastDts + step();
        } else {
            outDts = out.dts() + shift;
            if (lastDts != Long.MIN_VALUE && outDts <= lastDts) {
                long fix = lastDts + step() - outDts;
                shift += fix;
                outDts += fix;
            }
        }
        long outPts = out.pts() == AV_NOPTS_VALUE ? outDts : Math.max(outDts, out.pts() + shift);
        out.dts(outDts);
        out.pts(outPts);
        lastDts = outDts;
        long duration = out.duration();
        if (duration > 0) {
            lastDuration = duration;
        }
        end = Math.max(end, outPts + Math.max(duration, lastDuration));
        int result = av_interleaved_write_frame(context, out); // takes the reference, leaves the packet blank
        if (!owned) {
            av_packet_unref(scratch);
        }
        if (result < 0) {
            throw new IOException("cannot write to " + file + ": " + FfmpegErrors.text(result));
        }
        packetsWritten++;
        return true;
    }

    private long step() { return lastDuration > 0 ? lastDuration : 1; }

    public long packetsWritten() { return packetsWritten; }

    /** Wall time of the first keyframe written, or null before it. */
    @Override
    public Instant startedAt() { return startedAt; }

    /** Media time written so far. */
    public Duration duration() {
        AVRational tb = outTimeBase;
        return Duration.ofNanos(end * 1_000_000_000L / tb.den() * tb.num());
    }

    /**
     * Writes the trailer, closes the file and describes it (hash computed by reading the file back). A clip
     * that never received a keyframe is deleted and {@code null} returned.
     */
    public ClipInfo close() throws IOException {
        ClipInfo info = closeUnhashed();
        return info == null ? null : info.withSha256(Sha256.of(file));
    }

    /**
     * Like {@link #close()} but leaves {@link ClipInfo#sha256()} null: hashing reads the whole file back, which
     * the caller may want to do on another thread than the one that writes packets.
     */
    public ClipInfo closeUnhashed() throws IOException {
        if (closed) {
            throw new IllegalStateException("clip closed");
        }
        Duration duration = duration();
        release();
        if (!started) {
            Files.deleteIfExists(file);
            return null;
        }
        return new ClipInfo(file, startedAt, duration, Files.size(file), null, codec, streamCopied, List.of());
    }

    /** Writes the trailer (when something was written) and frees the muxer; safe to call twice. */
    @Override
    public void release() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (started) {
                av_write_trailer(context);
            }
        } finally {
            if (context.pb() != null && !context.pb().isNull()) {
                avio_closep(context.pb());
            }
            avformat_free_context(context);
            av_packet_free(scratch);
        }
    }
}
