package org.watchroom.core.record;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * The packets of the GOP that may hold a cut's start, held back until it is known to be the start: the cut begins at
 * the last keyframe at or before {@code from}, so that its first picture decodes.
 *
 * <p>Thread-safety: not thread-safe; confined to the cutting thread.
 */
final class StartGop {
    private final List<AVPacket> pending = new ArrayList<>();
    private long wallUs;

    /** A keyframe at or before the start, shown at {@code wallPtsUs}: the GOP held back begins again with it. */
    void restartAt(AVPacket keyframe, long wallPtsUs) {
        clear();
        pending.add(av_packet_clone(keyframe));
        wallUs = wallPtsUs;
    }

    /** A packet of the GOP held back. */
    void add(AVPacket packet) {
        pending.add(av_packet_clone(packet));
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Writes the GOP held back into {@code output} (all at its keyframe's wall time) and lets it go. */
    void flushInto(CutOutput output, AVRational timeBase, CutOutput.Anchor anchor) throws IOException {
        long wall = wallUs;
        for (AVPacket p : pending) {
            output.write(p, timeBase, anchor, wall);
        }
        clear();
    }

    /** Frees the packets held back. */
    void clear() {
        for (AVPacket p : pending) {
            av_packet_free(p);
        }
        pending.clear();
    }
}
