package org.watchroom.core.demo;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
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
import static org.bytedeco.ffmpeg.global.avfilter.av_buffersink_get_frame;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_get_by_name;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_alloc;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_config;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_create_filter;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_graph_free;
import static org.bytedeco.ffmpeg.global.avfilter.avfilter_link;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.PointerPointer;
import org.watchroom.core.media.FfmpegErrors;
import org.watchroom.core.media.FfmpegInput;
import org.watchroom.core.record.ClipWriter;

/**
 * A ten-second loop of FFmpeg's {@code testsrc2} test card (moving colour bars and a running clock), drawn by
 * libavfilter and encoded to H.264 once into the cache folder. As a looping file it makes a demo camera, and the
 * self-test's decode check, that need neither a network nor FFmpeg's device library ({@code lavfi:} sources do),
 * so both work on servers without sound or X libraries. It goes through the same demuxer, decoder and recorder
 * (stream copy of H.264) as a real camera.
 *
 * <p>Thread-safety: stateless; concurrent callers (or processes) each write a private file and move it into place.
 */
public final class TestCard {
    static final int WIDTH = 640;
    static final int HEIGHT = 360;
    static final int FPS = 15;
    static final int SECONDS = 10;
    /** The name says what is in it: a change to the picture gets a new name, not a stale cached file. */
    static final String FILE_NAME = "testcard-" + WIDTH + "x" + HEIGHT + "-" + FPS + "fps-v1.mp4";
    private static final String ENCODER = "libopenh264"; // the H.264 encoder JavaCV's FFmpeg build has

    private TestCard() {
    }

    /** The test card in {@code cacheDir/demo}, written first when missing (well under a second). */
    public static Path ensure(Path cacheDir) throws IOException {
        Path dir = cacheDir.resolve("demo");
        Path file = dir.resolve(FILE_NAME);
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            return file;
        }
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, "testcard-", ".part.mp4");
        try {
            write(partial);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return file;
    }

    /** Draws, encodes and writes the whole card to {@code file}. */
    static void write(Path file) throws IOException {
        FfmpegInput.initialise(); // FFmpeg's log goes where Watchroom wants it before the first call
        AVFilterGraph graph = avfilter_graph_alloc();
        AVFrame frame = av_frame_alloc();
        AVPacket packet = av_packet_alloc();
        AVCodecContext encoder = null;
        ClipWriter writer = null;
        try {
            AVFilterContext sink = filterChain(graph);
            encoder = openEncoder();
            writer = openWriter(file, encoder);
            long pts = 0;
            int result;
            while ((result = av_buffersink_get_frame(sink, frame)) >= 0) {
                frame.pts(pts);
                // a keyframe each second, so that a loop or a recording can start within a second
                frame.pict_type(pts % FPS == 0 ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
                encode(encoder, frame, packet, writer);
                av_frame_unref(frame);
                pts++;
            }
            if (result != AVERROR_EOF) {
                throw new IOException("the test card's filter failed: " + FfmpegErrors.text(result));
            }
            encode(encoder, null, packet, writer);
            if (writer.closeUnhashed() == null) {
                throw new IOException("the encoder produced no keyframe");
            }
            writer = null;
        } finally {
            if (writer != null) {
                writer.release();
            }
            if (encoder != null) {
                avcodec_free_context(encoder);
            }
            av_packet_free(packet);
            av_frame_free(frame);
            avfilter_graph_free(graph);
        }
    }

    /** testsrc2 → format (YUV 4:2:0, what the encoder takes) → buffersink; returns the sink. */
    private static AVFilterContext filterChain(AVFilterGraph graph) throws IOException {
        AVFilterContext source = filter(graph, "testsrc2",
                "size=" + WIDTH + "x" + HEIGHT + ":rate=" + FPS + ":duration=" + SECONDS);
        AVFilterContext format = filter(graph, "format", "pix_fmts=yuv420p");
        AVFilterContext sink = filter(graph, "buffersink", null);
        check(avfilter_link(source, 0, format, 0), "link the test card's filters");
        check(avfilter_link(format, 0, sink, 0), "link the test card's filters");
        check(avfilter_graph_config(graph, null), "configure the test card's filters");
        return sink;
    }

    private static AVFilterContext filter(AVFilterGraph graph, String name, String arguments) throws IOException {
        var definition = avfilter_get_by_name(name);
        if (definition == null || definition.isNull()) {
            throw new IOException("this FFmpeg build has no " + name + " filter");
        }
        AVFilterContext context = new AVFilterContext(); // filled in by FFmpeg
        check(avfilter_graph_create_filter(context, definition, name, arguments, null, graph), "create " + name);
        return context;
    }

    private static AVCodecContext openEncoder() throws IOException {
        AVCodec codec = avcodec_find_encoder_by_name(ENCODER);
        if (codec == null || codec.isNull()) {
            throw new IOException("no " + ENCODER + " encoder in this FFmpeg build");
        }
        AVCodecContext encoder = avcodec_alloc_context3(codec);
        encoder.width(WIDTH);
        encoder.height(HEIGHT);
        encoder.pix_fmt(AV_PIX_FMT_YUV420P);
        encoder.time_base(av_make_q(1, FPS));
        encoder.framerate(av_make_q(FPS, 1));
        encoder.gop_size(FPS);
        encoder.bit_rate(600_000);
        encoder.flags(encoder.flags() | AV_CODEC_FLAG_GLOBAL_HEADER); // MP4 wants SPS/PPS as extradata
        int result = avcodec_open2(encoder, codec, (PointerPointer<?>) null);
        if (result < 0) {
            avcodec_free_context(encoder);
            throw new IOException("cannot open " + ENCODER + ": " + FfmpegErrors.text(result));
        }
        return encoder;
    }

    private static ClipWriter openWriter(Path file, AVCodecContext encoder) throws IOException {
        AVCodecParameters parameters = avcodec_parameters_alloc();
        try {
            avcodec_parameters_from_context(parameters, encoder);
            return ClipWriter.open(file, parameters, encoder.time_base());
        } finally {
            avcodec_parameters_free(parameters);
        }
    }

    private static void encode(AVCodecContext encoder, AVFrame frame, AVPacket packet, ClipWriter writer)
            throws IOException {
        int result = avcodec_send_frame(encoder, frame);
        if (result < 0 && frame != null) {
            throw new IOException("the encoder refused a picture: " + FfmpegErrors.text(result));
        }
        while (avcodec_receive_packet(encoder, packet) == 0) {
            if (packet.duration() <= 0) {
                packet.duration(1); // one frame in the encoder's time base: the muxer needs it for the last one
            }
            writer.write(packet, System.currentTimeMillis());
            av_packet_unref(packet);
        }
    }

    private static void check(int result, String what) throws IOException {
        if (result < 0) {
            throw new IOException("cannot " + what + ": " + FfmpegErrors.text(result));
        }
    }
}
