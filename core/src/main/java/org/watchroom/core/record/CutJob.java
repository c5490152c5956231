package org.watchroom.core.record;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.media.FfmpegErrors;
import org.watchroom.core.store.Segment;

/**
 * One cut of {@link RangeCutter}: which segments' packets go in (a segment missing, unreadable or without video is
 * skipped and listed; a changed stream ends the cut), from the keyframe at or before the start ({@link StartGop}) to
 * the last packet decoded before the end, into one {@link CutOutput}.
 *
 * <p>Thread-safety: not thread-safe; confined to the cutting thread. {@link #release()} frees its native memory.
 */
final class CutJob {
    // the RangeCutter log, as before the split
    private static final Logger LOG = LoggerFactory.getLogger(RangeCutter.class);

    private final long fromUs;
    private final long toUs;
    private final Path file;
    private final CutProgress progress;
    private final AVPacket packet = av_packet_alloc();
    private final StartGop start = new StartGop();
    private final CutOutput output;
    private final List<Segment> used = new ArrayList<>();
    private final List<Segment> missing = new ArrayList<>();
    private StreamParams params; // the first segment's: every later one must match it
    private boolean writing;
    private String stoppedEarly;
    private boolean streamCopied = true;

    CutJob(Instant from, Instant to, Path file, RangeCutter.Progress progress, BooleanSupplier cancelled) {
        this.fromUs = micros(from);
        this.toUs = micros(to);
        this.file = file;
        this.progress = new CutProgress(progress, cancelled, fromUs, toUs);
        this.output = new CutOutput(file);
    }

    /** Copies what {@code segment} holds of the range; false when the cut is complete (or must end here). */
    boolean copy(Segment segment) throws IOException {
        Path source = Path.of(segment.path());
        if (segment.open() && !Files.isRegularFile(source)) {
            return true; // just started: nothing to read yet
        }
        if (!Files.isRegularFile(source)) {
            LOG.warn("Segment {} of '{}' is missing ({}); the cut skips it", segment.id(), segment.cameraName(), source);
            missing.add(segment);
            return true;
        }
        AVFormatContext context = new AVFormatContext(null);
        int result = avformat_open_input(context, source.toString(), (AVInputFormat) null, (AVDictionary) null);
        if (result < 0 && segment.open()) {
            return true; // being written, no fragment complete yet
        }
        if (result < 0) {
            LOG.warn("Segment {} of '{}' cannot be read ({}: {}); the cut skips it", segment.id(),
                    segment.cameraName(), source, FfmpegErrors.text(result));
            missing.add(segment);
            return true;
        }
        StreamParams segmentParams = null;
        try {
            int index = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, (PointerPointer<?>) null, 0);
            if (index >= 0 && context.streams(index).codecpar().codec_id() == 0) {
                avformat_find_stream_info(context, (PointerPointer<?>) null);
            }
            if (index < 0) {
                LOG.warn("Segment {} of '{}' has no video ({}); the cut skips it", segment.id(),
                        segment.cameraName(), source);
                missing.add(segment);
                return true;
            }
            AVStream stream = context.streams(index);
            segmentParams = new StreamParams(stream);
            if (params == null || (!writing && start.isEmpty())) {
                if (params != null) {
                    params.free(); // nothing written yet: the cut simply starts with this stream
                }
                params = segmentParams;
                segmentParams = null;
                output.startWith(params, micros(segment.startedAt()));
            } else if (!sameStream(params, segmentParams)) {
                stoppedEarly = "the camera's stream changed (codec or picture size) at " + segment.startedAt()
                        + "; one MP4 holds one stream, so the cut ends there";
                LOG.info("Cut {}: {}", file, stoppedEarly);
                return false;
            }
            StreamParams current = segmentParams != null ? segmentParams : params;
            return copyPackets(context, index, current.timeBase(), segment);
        } finally {
            if (segmentParams != null) {
                segmentParams.free();
            }
            avformat_close_input(context);
        }
    }

    /**
     * Whether packets of {@code b} can follow those of {@code a} in one MP4 track: same codec, picture size and
     * codec configuration (extradata). The time bases may differ: timestamps are rescaled.
     */
    private static boolean sameStream(StreamParams a, StreamParams b) {
        var x = a.parameters();
        var y = b.parameters();
        if (x.codec_id() != y.codec_id() || x.width() != y.width() || x.height() != y.height()
                || x.extradata_size() != y.extradata_size()) {
            return false;
        }
        var ex = x.extradata();
        var ey = y.extradata();
        for (int i = 0; i < x.extradata_size(); i++) {
            if (ex.get(i) != ey.get(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean copyPackets(AVFormatContext context, int index, AVRational timeBase, Segment segment)
            throws IOException {
        long segmentUs = micros(segment.startedAt());
        CutOutput.Anchor anchor = new CutOutput.Anchor(segmentUs);
        boolean more = true;
        int result;
        while ((result = av_read_frame(context, packet)) >= 0) {
            try {
                if (packet.stream_index() != index) {
                    continue;
                }
                progress.checkCancelled();
                long dts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
                long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : dts;
                if (dts == AV_NOPTS_VALUE) {
                    continue;
                }
                long wallDtsUs = segmentUs + av_rescale_q(dts, timeBase, CutOutput.MICROS);
                long wallPtsUs = segmentUs + av_rescale_q(pts, timeBase, CutOutput.MICROS);
                if (wallDtsUs >= toUs) {
                    // B-frames decoded after the end but shown before the last picture written still go in,
                    // so that the pictures near the end have no hole; the first one shown later ends the cut
                    if (writing && wallPtsUs < output.maxWallPtsUs()) {
                        output.write(packet, timeBase, anchor, wallPtsUs);
                        continue;
                    }
                    more = false;
                    break;
                }
                boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
                if (writing) {
                    output.write(packet, timeBase, anchor, wallPtsUs);
                } else if (key && wallPtsUs <= fromUs) {
                    start.restartAt(packet, wallPtsUs); // a later keyframe still at or before the start: begin there
                } else if (key) {
                    start.flushInto(output, timeBase, anchor);
                    writing = true;
                    output.write(packet, timeBase, anchor, wallPtsUs);
                } else if (!start.isEmpty()) {
                    start.add(packet);
                }
                if (writing) {
                    progress.written(output.packets(), wallDtsUs);
                }
            } finally {
                av_packet_unref(packet);
            }
        }
        if (result < 0 && result != avutil.AVERROR_EOF) {
            // the last fragment of a segment cut off by a crash, or one still being written: it ends here
            LOG.debug("Segment {} ends early while cutting: {}", segment.id(), FfmpegErrors.text(result));
        }
        if (!writing && !start.isEmpty()) {
            start.flushInto(output, timeBase, anchor); // the start lies in this segment's last GOP
            writing = true;
        }
        if (anchor.wrote) {
            used.add(segment);
            streamCopied &= segment.streamCopied();
        }
        return more;
    }

    /** The cut, its file finished; {@code all}: the segments it was given. */
    RangeCut finish(List<Segment> all) throws IOException {
        if (!output.wroteAny()) {
            String why = all.isEmpty() ? "no segment covers it" : missing.size() == all.size()
                    ? "the files of its " + missing.size() + " segment(s) are missing or unreadable"
                    : "its segments hold no frame of it";
            throw new RangeCutter.NothingRecordedException("Nothing recorded between " + instant(fromUs) + " and "
                    + instant(toUs) + ": " + why + ".");
        }
        ClipInfo info = output.close();
        progress.done();
        String codec = avcodec_get_name(params.codecId()).getString();
        return new RangeCut(file, instant(fromUs), instant(toUs), instant(output.firstWallUs()),
                instant(output.endWallUs()), info.duration(), info.bytes(), output.packets(), codec, streamCopied, used,
                missing, stoppedEarly);
    }

    void release() {
        start.clear();
        output.release();
        if (params != null) {
            params.free();
            params = null;
        }
        av_packet_free(packet);
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
