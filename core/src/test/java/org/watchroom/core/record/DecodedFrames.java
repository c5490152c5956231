package org.watchroom.core.record;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.watchroom.core.media.FfmpegInput;
import org.watchroom.core.media.MediaInput;
import org.watchroom.core.media.VideoDecoder;

/**
 * Every picture a video file decodes to, in display order: its timestamp in microseconds from the file's first
 * packet's DTS (the segment files' zero) and a CRC-32 of its luma plane, so that two files can be compared frame by
 * frame: no picture lost, none repeated, none altered.
 */
public record DecodedFrames(List<Frame> frames, int keyPackets, boolean firstPacketKey) {

    /** One decoded picture. */
    public record Frame(long ptsMicros, long lumaCrc) { }

    public static DecodedFrames of(Path file) {
        List<Frame> frames = new ArrayList<>();
        int keys = 0;
        boolean firstKey = false;
        try (FfmpegInput input = new FfmpegInput()) {
            int result = input.open(MediaInput.file(file));
            if (result < 0) {
                throw new IllegalStateException("cannot open " + file + ": " + result);
            }
            int video = input.videoStreamIndex();
            AVStream stream = input.stream(video);
            var timeBase = avutil.av_make_q(stream.time_base().num(), stream.time_base().den());
            var micros = avutil.av_make_q(1, 1_000_000);
            long first = AV_NOPTS_VALUE;
            AVPacket packet = av_packet_alloc();
            try (VideoDecoder decoder = VideoDecoder.open(stream.codecpar(), 1, false)) {
                while (input.read(packet) >= 0) {
                    if (packet.stream_index() != video) {
                        continue;
                    }
                    boolean key = (packet.flags() & avcodec.AV_PKT_FLAG_KEY) != 0;
                    if (first == AV_NOPTS_VALUE) {
                        first = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
                        firstKey = key;
                    }
                    keys += key ? 1 : 0;
                    decoder.send(packet);
                    receive(decoder, frames, first, timeBase, micros);
                }
                decoder.sendEndOfStream();
                receive(decoder, frames, first, timeBase, micros);
            } finally {
                av_packet_free(packet);
            }
        }
        return new DecodedFrames(frames, keys, firstKey);
    }

    private static void receive(VideoDecoder decoder, List<Frame> frames, long first,
                                AVRational timeBase,
                                AVRational micros) {
        while (decoder.receive() == 0) {
            AVFrame f = decoder.frame();
            long pts = f.best_effort_timestamp();
            CRC32 crc = new CRC32();
            int width = f.width();
            byte[] row = new byte[width];
            for (int y = 0; y < f.height(); y++) {
                f.data(0).position((long) y * f.linesize(0)).get(row, 0, width);
                crc.update(row);
            }
            f.data(0).position(0);
            frames.add(new Frame(avutil.av_rescale_q(pts - first, timeBase, micros), crc.getValue()));
        }
    }
}
