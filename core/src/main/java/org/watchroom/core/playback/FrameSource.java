package org.watchroom.core.playback;

import java.nio.ByteBuffer;

/**
 * What a {@link ClipPlayer} plays: something that decodes frames one by one, seeks, steps back and scales the frame
 * in hand. A {@link ClipReader} is one clip file (times from the clip's start); a {@link RecordingReader} is a
 * camera's recording across its segments (times are wall-clock microseconds since the epoch).
 *
 * <p>Thread-safety: one thread at a time (the player's).
 */
public interface FrameSource extends AutoCloseable {

    /** The format of the frame in hand (a recording's segments may differ in size). */
    ClipFormat format();

    /** Time of the frame in hand in microseconds; -1 before the first. */
    long positionMicros();

    /** Decodes the next frame; false at the end (the frame in hand stays). */
    boolean next();

    /** Shows the frame at {@code micros} (the nearest one there is); false only when nothing decodes at all. */
    boolean seek(long micros);

    /** The frame before the one in hand; false at the first. */
    boolean stepBack();

    /** Scales the frame in hand into {@code target}: {@code width x height} BGRA, packed rows. */
    void scaleInto(ByteBuffer target, int width, int height);

    /** Where playing starts over after the end. */
    long startMicros();

    @Override
    void close();
}
