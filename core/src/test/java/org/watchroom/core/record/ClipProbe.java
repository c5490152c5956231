package org.watchroom.core.record;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * What a clip file holds, read back with FFmpeg: its first packet, the last timestamp and the pictures that
 * decode (JavaCV's {@link FFmpegFrameGrabber}).
 */
public record ClipProbe(boolean firstKey, long firstPts, long firstDts, int packets, double lastSeconds,
                 int decodedFrames, String codec) {

    public static ClipProbe of(Path file) throws Exception {
        AVFormatContext context = new AVFormatContext(null);
        int result = avformat_open_input(context, file.toString(), (AVInputFormat) null, (AVDictionary) null);
        if (result < 0) {
            throw new IllegalStateException("cannot open " + file + ": " + result);
        }
        boolean firstKey = false;
        long firstPts = avutil.AV_NOPTS_VALUE;
        long firstDts = avutil.AV_NOPTS_VALUE;
        int packets = 0;
        long lastEnd = 0;
        AVPacket packet = av_packet_alloc();
        double timeBase;
        try {
            avformat_find_stream_info(context, (PointerPointer<?>) null);
            timeBase = avutil.av_q2d(context.streams(0).time_base());
            while (av_read_frame(context, packet) >= 0) {
                if (packets == 0) {
                    firstKey = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
                    firstPts = packet.pts();
                    firstDts = packet.dts();
                }
                packets++;
                lastEnd = Math.max(lastEnd, packet.pts() + packet.duration());
                avcodec.av_packet_unref(packet);
            }
        } finally {
            av_packet_free(packet);
            avformat_close_input(context);
        }
        int frames = 0;
        String codec;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            codec = grabber.getVideoCodecName();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                if (frame.image != null) {
                    frames++;
                }
            }
            grabber.stop();
        }
        return new ClipProbe(firstKey, firstPts, firstDts, packets, lastEnd * timeBase, frames, codec);
    }
}
