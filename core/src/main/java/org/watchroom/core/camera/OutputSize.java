package org.watchroom.core.camera;

/**
 * The size a camera's pictures are scaled to: the box a viewer asked for (the size a tile shows), capped by the
 * options' maximum, the stream's aspect kept, never enlarged, sides even (swscale and the ring want even sizes).
 * A fitted size is one {@code long}, {@code width << 32 | height}, so that the converter thread allocates nothing.
 *
 * <p>Thread-safety: {@link #request} from any thread; {@link #fit} reads the request once, so that width and height
 * come from the same one.
 */
final class OutputSize {
    private final int maxWidth;
    private final int maxHeight;
    private volatile long requested; // width << 32 | height, 0 = the maximum

    OutputSize(int maxWidth, int maxHeight) {
        this.maxWidth = maxWidth;
        this.maxHeight = maxHeight;
    }

    /** Fit pictures into {@code width x height} from the next frame on; 0 x 0 returns to the maximum. */
    void request(int width, int height) {
        requested = ((long) Math.max(0, width) << 32) | Math.max(0, height);
    }

    /** The size for a {@code frameWidth x frameHeight} picture, packed; read it with {@link #width} and {@link #height}. */
    long fit(int frameWidth, int frameHeight) {
        long size = requested;
        int boxWidth = size == 0 ? maxWidth : Math.min(maxWidth, (int) (size >>> 32));
        int boxHeight = size == 0 ? maxHeight : Math.min(maxHeight, (int) size);
        double scale = Math.min(1.0, Math.min((double) boxWidth / frameWidth, (double) boxHeight / frameHeight));
        int width = Math.max(2, (int) (frameWidth * scale) & ~1);
        int height = Math.max(2, (int) (frameHeight * scale) & ~1);
        return ((long) width << 32) | height;
    }

    static int width(long fitted) { return (int) (fitted >>> 32); }

    static int height(long fitted) { return (int) fitted; }
}
