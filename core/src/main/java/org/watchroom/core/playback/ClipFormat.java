package org.watchroom.core.playback;

/**
 * What an opened clip holds.
 *
 * <p>Thread-safety: immutable.
 *
 * @param durationMicros length (end of the last frame), 0 when the file has no frames yet
 * @param frameRate      frames per second (the stream's average; 25 when the file does not say)
 * @param width          picture width in pixels
 * @param height         picture height in pixels
 * @param codec          decoder name, e.g. {@code h264}
 */
public record ClipFormat(long durationMicros, double frameRate, int width, int height, String codec) {

    /** One frame's length in microseconds. */
    public long frameMicros() {
        return Math.round(1_000_000 / frameRate);
    }
}
