package org.watchroom.core.record;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
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
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
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
import org.watchroom.core.media.FfmpegInput;
import org.watchroom.core.store.Segment;

/**
 * Writes one MP4 of a time range of a camera's recording, by stream copy from its segments: nothing is decoded or
 * re-encoded, so an hour of 720p takes about as long as reading and writing its bytes once. The file starts at the
 * keyframe at or before {@code from} (so its first picture decodes), runs across segment boundaries with
 * continuous timestamps and ends with the last packet whose decode time is before {@code to} (plus the B-frames
 * shown before that packet, when the camera sends B-frames).
 *
 * <p>Time: a packet's wall time is its segment's {@code started_at} plus its timestamp (segments are rebased to 0).
 * Consecutive segments whose wall times join within {@link #JOIN_TOLERANCE} continue one frame after the other, so
 * the cut has no jitter at a boundary; a longer hole (the camera was offline, a segment is missing) stays a hole in
 * the file's time line, so that a moment of the file is still the same moment on the wall clock.
 *
 * <p>One MP4 track holds one stream: when the camera's stream changed (another resolution or codec after a
 * reconnect) the cut ends there and says so ({@link RangeCut#stoppedEarly()}). A segment whose file is gone or
 * unreadable is skipped and listed ({@link RangeCut#missing()}); the last fragment of a segment cut off by a crash
 * ends that segment.
 *
 * <p>Thread-safety: stateless; each call runs on the caller's thread and blocks for the I/O. Cancel through
 * {@code cancelled} (polled at every packet); a cancelled or failed cut deletes its file.
 */
public final class RangeCutter {
    /** Segments that join within this much wall time are stitched frame to frame; longer holes stay holes. */
    public static final Duration JOIN_TOLERANCE = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(RangeCutter.class);
    private static final int PROGRESS_EVERY = 64;

    /** Told how far the cut is, in wall-clock milliseconds of the range. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void update(long doneMillis, long totalMillis);
    }

    /** Nothing of the range could be written: no segment holds it, or none of their files could be read. */
    public static final class NothingRecordedException extends IOException {
        private static final long serialVersionUID = 1L;

        public NothingRecordedException(String message) {
            super(message);
        }
    }

    private RangeCutter() {
    }

    /** {@link #cut(List, Instant, Instant, Path, Progress, BooleanSupplier)} without progress or cancel. */
    public static RangeCut cut(List<Segment> segments, Instant from, Instant to, Path file) throws IOException {
        return cut(segments, from, to, file, Progress.NONE, () -> false);
    }

    /**
     * Cuts [{@code from}, {@code to}) out of {@code segments} (one camera's, as {@code SegmentStore.list} returns
     * them: oldest first) into {@code file}, which must not exist.
     *
     * @throws NothingRecordedException when no frame of the range could be written
     * @throws CancellationException    when {@code cancelled} said so
     */
    public static RangeCut cut(List<Segment> segments, Instant from, Instant to, Path file, Progress progress,
                               BooleanSupplier cancelled) throws IOException {
        Objects.requireNonNull(progress);
        Objects.requireNonNull(cancelled);
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("The end of a range must be after its start (" + from + " … " + to + ").");
        }
        if (Files.exists(file)) {
            throw new IOException(file + " exists already");
        }
        FfmpegInput.initialise();
        Job job = new Job(from, to, file, progress, cancelled);
        boolean ok = false;
        try {
            for (Segment segment : segments) {
                if (segment.overlaps(from, to) && !job.copy(segment)) {
                    break;
                }
            }
            RangeCut cut = job.finish(segments);
            ok = true;
            return cut;
        } finally {
            job.release();
            if (!ok) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** One cut's state. Not thread-safe: confined to the cutting thread. */
    private static final class Job {
        private static final AVRational MICROS = av_make_q(1, 1_000_000);
        private final long fromUs;
        private final long toUs;
        private final Path file;
        private final Progress progress;
        private final BooleanSupplier cancelled;
        private final AVPacket packet = av_packet_alloc();
        /** Packets of the GOP that may hold {@code from}: written once it is known to be the start. */
        private final List<AVPacket> pending = new ArrayList<>();
        private long pendingWallUs;
        private final List<Segment> used = new ArrayList<>();
        private final List<Segment> missing = new ArrayList<>();
        private ClipWriter writer;
        private StreamParams params; // the first segment's: every later one must match it
        private AVRational outTimeBase;
        private long baseWallUs; // wall time at the output time base's zero
        private boolean writing;
        private long lastOutDts = Long.MIN_VALUE;
        private long lastDuration;
        private long firstWallUs = Long.MIN_VALUE;
        private long endWallUs = Long.MIN_VALUE;
        private long maxWallPtsUs = Long.MIN_VALUE;
        private long packets;
        private String stoppedEarly;
        private boolean streamCopied = true;

        Job(Instant from, Instant to, Path file, Progress progress, BooleanSupplier cancelled) {
            this.fromUs = micros(from);
            this.toUs = micros(to);
            this.file = file;
            this.progress = progress;
            this.cancelled = cancelled;
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
                if (params == null || (!writing && pending.isEmpty())) {
                    if (params != null) {
                        params.free(); // nothing written yet: the cut simply starts with this stream
                    }
                    params = segmentParams;
                    segmentParams = null;
                    outTimeBase = av_make_q(params.timeBase().num(), params.timeBase().den());
                    baseWallUs = micros(segment.startedAt());
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
            Anchor anchor = new Anchor(segmentUs);
            boolean more = true;
            int result;
            while ((result = av_read_frame(context, packet)) >= 0) {
                try {
                    if (packet.stream_index() != index) {
                        continue;
                    }
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("cut cancelled");
                    }
                    long dts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
                    long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : dts;
                    if (dts == AV_NOPTS_VALUE) {
                        continue;
                    }
                    long wallDtsUs = segmentUs + av_rescale_q(dts, timeBase, MICROS);
                    long wallPtsUs = segmentUs + av_rescale_q(pts, timeBase, MICROS);
                    if (wallDtsUs >= toUs) {
                        // B-frames decoded after the end but shown before the last picture written still go in,
                        // so that the pictures near the end have no hole; the first one shown later ends the cut
                        if (writing && wallPtsUs < maxWallPtsUs) {
                            write(packet, timeBase, anchor, wallPtsUs);
                            continue;
                        }
                        more = false;
                        break;
                    }
                    boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
                    if (writing) {
                        write(packet, timeBase, anchor, wallPtsUs);
                    } else if (key && wallPtsUs <= fromUs) {
                        clearPending(); // a later keyframe still at or before the start: the cut begins there
                        pending.add(av_packet_clone(packet));
                        pendingWallUs = wallPtsUs;
                    } else if (key) {
                        flushPending(timeBase, anchor);
                        writing = true;
                        write(packet, timeBase, anchor, wallPtsUs);
                    } else if (!pending.isEmpty()) {
                        pending.add(av_packet_clone(packet));
                    }
                    if (writing && packets % PROGRESS_EVERY == 0) {
                        progress.update(Math.max(0, wallDtsUs - fromUs) / 1000, (toUs - fromUs) / 1000);
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
            if (result < 0 && result != avutil.AVERROR_EOF) {
                // the last fragment of a segment cut off by a crash, or one still being written: it ends here
                LOG.debug("Segment {} ends early while cutting: {}", segment.id(), FfmpegErrors.text(result));
            }
            if (!writing && !pending.isEmpty()) {
                flushPending(timeBase, anchor); // the start lies in this segment's last GOP
                writing = true;
            }
            if (anchor.wrote) {
                used.add(segment);
                streamCopied &= segment.streamCopied();
            }
            return more;
        }

        private void flushPending(AVRational timeBase, Anchor anchor) throws IOException {
            long wall = pendingWallUs;
            for (AVPacket p : pending) {
                write(p, timeBase, anchor, wall);
            }
            clearPending();
        }

        private void clearPending() {
            for (AVPacket p : pending) {
                av_packet_free(p);
            }
            pending.clear();
        }

        /** Where the current segment's timestamps go in the output: found with its first written packet. */
        private static final class Anchor {
            final long segmentUs;
            boolean wrote;
            long shift; // output time base: added to the segment's rescaled timestamps

            Anchor(long segmentUs) {
                this.segmentUs = segmentUs;
            }
        }

        private void write(AVPacket p, AVRational timeBase, Anchor anchor, long wallPtsUs) throws IOException {
            long dts = p.dts() != AV_NOPTS_VALUE ? p.dts() : p.pts();
            long pts = p.pts() != AV_NOPTS_VALUE ? p.pts() : dts;
            long outDts = av_rescale_q(dts, timeBase, outTimeBase);
            long outPts = av_rescale_q(pts, timeBase, outTimeBase);
            long duration = p.duration() > 0 ? av_rescale_q(p.duration(), timeBase, outTimeBase) : 0;
            if (!anchor.wrote) {
                long wallShift = av_rescale_q(anchor.segmentUs - baseWallUs, MICROS, outTimeBase);
                anchor.shift = wallShift;
                if (lastOutDts != Long.MIN_VALUE) {
                    long expected = lastOutDts + Math.max(lastDuration, 1);
                    long tolerance = av_rescale_q(JOIN_TOLERANCE.toNanos() / 1000, MICROS, outTimeBase);
                    if (outDts + wallShift - expected <= tolerance) {
                        anchor.shift = expected - outDts; // joins (or overlaps): continue frame to frame
                    }
                }
                anchor.wrote = true;
            }
            if (writer == null) {
                writer = ClipWriter.open(file, params.parameters(), outTimeBase);
                firstWallUs = wallPtsUs;
            }
            p.dts(outDts + anchor.shift);
            p.pts(outPts + anchor.shift);
            p.duration(duration);
            p.pos(-1);
            writer.write(p, wallPtsUs / 1000);
            lastOutDts = outDts + anchor.shift;
            if (duration > 0) {
                lastDuration = duration;
            }
            long frameUs = av_rescale_q(Math.max(duration, lastDuration), outTimeBase, MICROS);
            endWallUs = Math.max(endWallUs, wallPtsUs + frameUs);
            maxWallPtsUs = Math.max(maxWallPtsUs, wallPtsUs);
            packets++;
        }

        RangeCut finish(List<Segment> all) throws IOException {
            if (writer == null || packets == 0) {
                String why = all.isEmpty() ? "no segment covers it" : missing.size() == all.size()
                        ? "the files of its " + missing.size() + " segment(s) are missing or unreadable"
                        : "its segments hold no frame of it";
                throw new NothingRecordedException("Nothing recorded between " + instant(fromUs) + " and "
                        + instant(toUs) + ": " + why + ".");
            }
            ClipInfo info = writer.closeUnhashed();
            writer = null;
            progress.update((toUs - fromUs) / 1000, (toUs - fromUs) / 1000);
            String codec = avcodec_get_name(params.codecId()).getString();
            return new RangeCut(file, instant(fromUs), instant(toUs), instant(firstWallUs), instant(endWallUs),
                    info.duration(), info.bytes(), packets, codec, streamCopied, used, missing, stoppedEarly);
        }

        void release() {
            clearPending();
            if (writer != null) {
                writer.release();
                writer = null;
            }
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
}
