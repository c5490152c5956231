package org.watchroom.core.testing;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.watchroom.core.media.FfmpegInput;

/**
 * The video packets of a media file as FFmpeg reads them back (times in seconds of the file, a CRC of each
 * payload), and the times of the pictures that decode: what stream copy must keep byte for byte.
 */
public final class MediaPackets {
    private MediaPackets() {
    }

    /** One packet: decode and presentation time in seconds, keyframe or not, payload size and CRC-32. */
    public record Packet(double dts, double pts, boolean key, int size, long crc) {
        /** The payload's identity, whatever its timestamps. */
        public String payload() {
            return size + ":" + crc;
        }
    }

    public static List<Packet> of(Path file) {
        FfmpegInput.initialise();
        AVFormatContext context = new AVFormatContext(null);
        if (avformat_open_input(context, file.toString(), (AVInputFormat) null, (AVDictionary) null) < 0) {
            throw new IllegalStateException("cannot open " + file);
        }
        AVPacket packet = av_packet_alloc();
        List<Packet> packets = new ArrayList<>();
        try {
            avformat_find_stream_info(context, (PointerPointer<?>) null);
            int index = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, (PointerPointer<?>) null, 0);
            double tb = avutil.av_q2d(context.streams(index).time_base());
            byte[] bytes = new byte[0];
            while (av_read_frame(context, packet) >= 0) {
                if (packet.stream_index() == index) {
                    if (bytes.length < packet.size()) {
                        bytes = new byte[packet.size()];
                    }
                    packet.data().get(bytes, 0, packet.size());
                    CRC32 crc = new CRC32();
                    crc.update(bytes, 0, packet.size());
                    packets.add(new Packet(packet.dts() * tb, packet.pts() * tb,
                            (packet.flags() & AV_PKT_FLAG_KEY) != 0, packet.size(), crc.getValue()));
                }
                av_packet_unref(packet);
            }
        } finally {
            av_packet_free(packet);
            avformat_close_input(context);
        }
        return packets;
    }

    /** Presentation times (seconds) of every picture that decodes, in display order. */
    public static List<Double> frameTimes(Path file) throws Exception {
        List<Double> times = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                if (frame.image != null) {
                    times.add(frame.timestamp / 1e6);
                }
            }
            grabber.stop();
        }
        return times;
    }
}
