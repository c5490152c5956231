package org.watchroom.core.record.internal;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;

import java.util.Arrays;
import org.bytedeco.ffmpeg.avformat.AVStream;

/**
 * Which stream indexes of one connection carry video, read from each stream's codec parameters once: asking the
 * native struct for every packet would cost a JNI call and a wrapper per packet. {@link #forget} at each new
 * connection (its streams may differ).
 *
 * <p>Thread-safety: not thread-safe; one owner (the thread that sees the packets).
 */
public final class StreamTypes {
    private static final int UNKNOWN = -2;
    private int[] types = new int[0];

    /** Whether packets of stream {@code index} are video. */
    public boolean isVideo(int index, AVStream stream) {
        if (index >= types.length) {
            int old = types.length;
            types = Arrays.copyOf(types, index + 1);
            Arrays.fill(types, old, types.length, UNKNOWN);
        }
        if (types[index] == UNKNOWN) {
            types[index] = stream.codecpar().codec_type();
        }
        return types[index] == AVMEDIA_TYPE_VIDEO;
    }

    /** A new connection: its streams are looked at again. */
    public void forget() {
        Arrays.fill(types, UNKNOWN);
    }
}
