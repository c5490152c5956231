package org.watchroom.core.playback;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.media.FfmpegInput;
import org.watchroom.core.media.MediaInput;
import org.watchroom.core.record.ClipWriter;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentClose;
import org.watchroom.core.store.SegmentStore;
import org.watchroom.core.testing.TestMedia;

/**
 * Real recording segments as the continuous recorder writes them, made without it: vtest.mp4 (H.264, 10 fps, GOP
 * 20 with 2 B-frames) cut keyframe to keyframe by stream copy ({@link ClipWriter}: fragmented MP4, timestamps
 * rebased to the first keyframe's DTS) into files under {@code <data dir>/recordings/<camera>/<day>/<hour>/}, indexed
 * with {@link SegmentStore} as a hash chain. Wall time of every frame is {@code t0 + its pts in vtest.mp4}: a
 * segment starts at {@code t0 +} its first keyframe's DTS, so {@code startedAt + pts in the segment} is that again.
 * Ranges that do not touch leave a gap of footage and of wall time between them, as a camera that went offline.
 */
public final class TestSegments {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private TestSegments() {
    }

    /**
     * Cuts one segment per {@code [from, to)} pair of source seconds (each from the first keyframe at or after
     * {@code from} to the first keyframe at or after {@code to}), oldest first, and stores them for the camera.
     */
    public static List<Segment> cut(Database database, long cameraId, String cameraName, Path dataDir, Instant t0,
                                    double[]... ranges) throws Exception {
        SegmentStore store = new SegmentStore(database);
        String prev = store.lastClosed(cameraId).map(Segment::sha256).orElse(Segment.NO_PREVIOUS);
        List<Segment> made = new ArrayList<>();
        FfmpegInput input = new FfmpegInput();
        Path source = TestMedia.file("vtest.mp4");
        AVPacket packet = av_packet_alloc();
        try {
            int opened = input.open(MediaInput.file(source));
            if (opened < 0) {
                throw new IllegalStateException("cannot open " + source + ": " + opened);
            }
            int index = input.videoStreamIndex();
            AVStream stream = input.stream(index);
            double tb = stream.time_base().num() / (double) stream.time_base().den();
            int range = 0;
            ClipWriter writer = null;
            Instant startedAt = null;
            while (range < ranges.length && input.read(packet) >= 0) {
                if (packet.stream_index() != index) {
                    continue;
                }
                boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
                double pts = packet.pts() * tb;
                if (writer != null && key && pts >= ranges[range][1] - 1e-6) {
                    Segment s = store(store, writer, cameraId, cameraName, startedAt, prev);
                    prev = s.sha256();
                    made.add(s);
                    writer = null;
                    range++;
                    if (range == ranges.length) {
                        break;
                    }
                }
                if (writer == null && key && pts >= ranges[range][0] - 1e-6) {
                    startedAt = t0.plusNanos(Math.round(packet.dts() * tb * 1e9));
                    Path file = dataDir.resolve("recordings").resolve(cameraName).resolve(DAY.format(startedAt))
                            .resolve(HOUR.format(startedAt)).resolve(NAME.format(startedAt) + ".mp4");
                    Files.createDirectories(file.getParent());
                    writer = ClipWriter.open(file, stream.codecpar(), stream.time_base());
                }
                if (writer != null) {
                    writer.write(packet, startedAt.toEpochMilli());
                }
            }
            if (writer != null) { // the last range ran to the end of the file
                made.add(store(store, writer, cameraId, cameraName, startedAt, prev));
            }
        } finally {
            av_packet_free(packet);
            input.close();
        }
        return made;
    }

    private static Segment store(SegmentStore store, ClipWriter writer, long cameraId, String cameraName,
                                 Instant startedAt, String prev) throws Exception {
        Duration duration = writer.duration();
        Path file = writer.file();
        writer.closeUnhashed();
        Segment open = store.open(cameraId, cameraName, file, startedAt);
        store.close(open.id(), new SegmentClose(startedAt.plus(duration), duration, Files.size(file), Sha256.of(file),
                prev, "h264", true, false));
        return store.find(open.id()).orElseThrow();
    }
}
