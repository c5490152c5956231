package org.watchroom.core.record;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * The stream-copy muxing of one cut's output: the packets of consecutive segments rescaled into the first segment's
 * time base and shifted onto one time line (segments that join within {@link RangeCutter#JOIN_TOLERANCE} continue
 * frame to frame; a longer hole stays a hole, at its wall-clock length), written by a {@link ClipWriter} opened with
 * the first packet. It keeps what the {@link RangeCut} reports of the file: its first and end wall times, its packets.
 *
 * <p>Thread-safety: not thread-safe; confined to the cutting thread.
 */
final class CutOutput {
    static final AVRational MICROS = av_make_q(1, 1_000_000);

    private final Path file;
    private StreamParams params; // the first segment's; owned by the job
    private AVRational outTimeBase;
    private long baseWallUs; // wall time at the output time base's zero
    private ClipWriter writer;
    private long lastOutDts = Long.MIN_VALUE;
    private long lastDuration;
    private long firstWallUs = Long.MIN_VALUE;
    private long endWallUs = Long.MIN_VALUE;
    private long maxWallPtsUs = Long.MIN_VALUE;
    private long packets;

    /** Where a segment's timestamps go in the output: found with its first written packet. */
    static final class Anchor {
        final long segmentUs;
        boolean wrote;
        long shift; // output time base: added to the segment's rescaled timestamps

        Anchor(long segmentUs) {
            this.segmentUs = segmentUs;
        }
    }

    CutOutput(Path file) {
        this.file = file;
    }

    /** The output's stream ({@code params}, not taken over) and the wall time at its time line's zero. */
    void startWith(StreamParams params, long baseWallUs) {
        this.params = params;
        this.outTimeBase = av_make_q(params.timeBase().num(), params.timeBase().den());
        this.baseWallUs = baseWallUs;
    }

    /** Writes {@code p} (in {@code timeBase}, its segment placed by {@code anchor}), shown at {@code wallPtsUs}. */
    void write(AVPacket p, AVRational timeBase, Anchor anchor, long wallPtsUs) throws IOException {
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
                long tolerance = av_rescale_q(RangeCutter.JOIN_TOLERANCE.toNanos() / 1000, MICROS, outTimeBase);
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

    /** Whether a packet was written (the file is open). */
    boolean wroteAny() {
        return writer != null && packets > 0;
    }

    long packets() {
        return packets;
    }

    /** The latest presentation wall time written so far. */
    long maxWallPtsUs() {
        return maxWallPtsUs;
    }

    long firstWallUs() {
        return firstWallUs;
    }

    /** Wall time at the end of the last frame written. */
    long endWallUs() {
        return endWallUs;
    }

    /** Finishes the file. */
    ClipInfo close() throws IOException {
        ClipInfo info = writer.closeUnhashed();
        writer = null;
        return info;
    }

    /** Frees the writer when the file was not finished. */
    void release() {
        if (writer != null) {
            writer.release();
            writer = null;
        }
    }
}
