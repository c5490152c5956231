package org.watchroom.core.testing;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_seek_file;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.PointerPointer;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.media.FfmpegInput;
import org.watchroom.core.record.ClipInfo;
import org.watchroom.core.record.ClipWriter;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentClose;
import org.watchroom.core.store.SegmentStore;

/**
 * Real recording segments without a camera: vtest.mp4 (H.264, 10 fps, a keyframe every 20 frames, B-frames) cut
 * keyframe to keyframe into fragmented MP4s by {@link ClipWriter}, stored where and as the segment recorder stores
 * them ({@code <data>/recordings/<camera>/<day>/<hour>/<time>.mp4}, rows with SHA-256 and the hash chain). A
 * segment's {@code started_at} is the wall time of its first packet's decode time, so that wall time = started_at +
 * timestamp for every packet of it; the source loops when more is asked than it holds.
 */
public final class TestSegments {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FILE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    /** vtest.mp4's frame interval and GOP. */
    public static final Duration FRAME = Duration.ofMillis(100);
    public static final Duration GOP = Duration.ofSeconds(2);

    private TestSegments() {
    }

    /**
     * Records {@code count} segments of {@code keyframesPerSegment} GOPs each (2 s per GOP) for a camera, starting
     * at {@code start}, continuing the camera's hash chain.
     */
    public static List<Segment> record(Database db, long cameraId, String cameraName, Instant start, int count,
                                       int keyframesPerSegment) throws IOException {
        return record(db, cameraId, cameraName, start, count, keyframesPerSegment, TestMedia.file("vtest.mp4"));
    }

    /** {@link #record} from another H.264 file (benchmarks: 720p at camera bitrates). */
    public static List<Segment> record(Database db, long cameraId, String cameraName, Instant start, int count,
                                       int keyframesPerSegment, Path source) throws IOException {
        Path dataDir = db.file().toAbsolutePath().getParent();
        Path cameraDir = dataDir.resolve("recordings").resolve("cam" + cameraId + "-"
                + cameraName.replaceAll("[^A-Za-z0-9._-]+", "_"));
        SegmentStore store = new SegmentStore(db);
        String prev = store.lastClosed(cameraId).map(Segment::sha256).orElse(Segment.NO_PREVIOUS);
        List<Segment> made = new ArrayList<>();
        FfmpegInput.initialise();
        AVFormatContext context = new AVFormatContext(null);
        if (avformat_open_input(context, source.toString(), (AVInputFormat) null, (AVDictionary) null) < 0) {
            throw new IOException("cannot open " + source);
        }
        AVPacket packet = av_packet_alloc();
        try {
            avformat_find_stream_info(context, (PointerPointer<?>) null);
            int index = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, (PointerPointer<?>) null, 0);
            AVStream stream = context.streams(index);
            AVRational tb = avutil.av_make_q(stream.time_base().num(), stream.time_base().den());
            double seconds = avutil.av_q2d(tb);
            long loopBase = 0; // source ticks added after each loop so that time goes on
            long rawFirstDts = Long.MIN_VALUE;
            long lastDts = Long.MIN_VALUE;
            long lastDuration = 0;
            long firstDts = Long.MIN_VALUE;
            ClipWriter writer = null;
            Instant segmentStart = null;
            int keyframes = 0;
            boolean finished = false;
            while (!finished) {
                if (av_read_frame(context, packet) < 0) { // loop the footage, one frame after its last
                    avformat_seek_file(context, -1, Long.MIN_VALUE, 0, Long.MAX_VALUE, AVSEEK_FLAG_BACKWARD);
                    loopBase = lastDts + lastDuration - rawFirstDts;
                    continue;
                }
                try {
                    if (packet.stream_index() != index) {
                        continue;
                    }
                    if (rawFirstDts == Long.MIN_VALUE) {
                        rawFirstDts = packet.dts();
                        firstDts = packet.dts();
                    }
                    long dts = packet.dts() + loopBase;
                    boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
                    if (key && writer != null && keyframes == keyframesPerSegment) {
                        prev = close(store, writer, made, segmentStart, prev);
                        writer = null;
                        if (made.size() == count) {
                            finished = true;
                            continue;
                        }
                    }
                    if (writer == null) {
                        if (!key) {
                            continue;
                        }
                        segmentStart = start.plusNanos(Math.round((dts - firstDts) * seconds * 1e9));
                        Path file = cameraDir.resolve(DAY.format(segmentStart)).resolve(HOUR.format(segmentStart))
                                .resolve(FILE.format(segmentStart) + ".mp4");
                        writer = ClipWriter.open(file, stream.codecpar(), tb);
                        made.add(store.open(cameraId, cameraName, file, segmentStart));
                        keyframes = 0;
                    }
                    if (key) {
                        keyframes++;
                    }
                    packet.dts(dts);
                    packet.pts(packet.pts() + loopBase);
                    writer.write(packet, segmentStart.toEpochMilli());
                    lastDts = dts;
                    if (packet.duration() > 0) {
                        lastDuration = packet.duration();
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
            if (writer != null) {
                close(store, writer, made, segmentStart, prev);
            }
        } finally {
            av_packet_free(packet);
            avformat_close_input(context);
        }
        return made.stream().map(s -> store.find(s.id()).orElseThrow()).toList();
    }

    private static String close(SegmentStore store, ClipWriter writer, List<Segment> made, Instant startedAt,
                                String prev) throws IOException {
        ClipInfo info = writer.close();
        Segment open = made.getLast();
        store.close(open.id(), new SegmentClose(startedAt.plus(info.duration()), info.duration(), info.bytes(),
                info.sha256(), prev, info.codec(), true, false));
        return info.sha256();
    }

    /** The SHA-256 a file has now (for tests that alter one). */
    public static String sha256(Path file) throws IOException {
        return Sha256.of(file);
    }
}
