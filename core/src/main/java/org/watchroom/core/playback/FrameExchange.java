package org.watchroom.core.playback;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Buffers between the player thread (writes BGRA pictures) and one viewer (shows them): the writer fills the
 * back buffer and publishes it, the viewer takes the newest published one as its front buffer. The viewer also
 * keeps its previous front buffer for one more take, because JavaFX may still be drawing it on the render
 * thread while the FX thread already picks the next one. So the writer never writes a picture that may be on
 * screen, and neither side waits or allocates (buffers are replaced only when the requested size changes).
 *
 * <p>Thread-safety: {@link #back}, {@link #publish} by one writer thread; {@link #takeNewest} and
 * {@link #front} by one viewer thread (the FX thread).
 */
public final class FrameExchange {
    private static final int FRESH = 8;
    private final Frame[] frames = {new Frame(), new Frame(), new Frame(), new Frame()};
    // bits 0-1: index of the middle (published) frame, bit 3: it was not taken yet
    private final AtomicInteger middle = new AtomicInteger(1);
    private int back;
    private int front = 2;
    private int previous = 3;

    /** One BGRA picture; the fields are written by the thread that owns the frame at the time. */
    public static final class Frame {
        private ByteBuffer pixels = ByteBuffer.allocateDirect(4);
        private int width = 1;
        private int height = 1;
        private long ptsMicros = -1;

        /** BGRA, premultiplied (alpha is always 255), rows packed ({@code width * 4} bytes). */
        public ByteBuffer pixels() { return pixels; }

        public int width() { return width; }

        public int height() { return height; }

        /** Clip time of the picture. */
        public long ptsMicros() { return ptsMicros; }
    }

    /** Writer: the buffer to fill next, of at least {@code width x height} (replaced only when the size changes). */
    public Frame back(int width, int height) {
        Frame frame = frames[back];
        if (frame.width != width || frame.height != height) {
            frame.pixels = ByteBuffer.allocateDirect(width * height * 4);
            frame.width = width;
            frame.height = height;
        }
        return frame;
    }

    /** Writer: hands the filled back buffer to the viewer and takes the older published one back. */
    public void publish(long ptsMicros) {
        frames[back].ptsMicros = ptsMicros;
        back = middle.getAndSet(back | FRESH) & 3;
    }

    /** Viewer: the newest picture published since the last call, or null when there is none. */
    public Frame takeNewest() {
        if ((middle.get() & FRESH) == 0) {
            return null;
        }
        int shown = front;
        front = middle.getAndSet(previous) & 3;
        previous = shown;
        return frames[front];
    }

    /** Viewer: the picture it holds now (possibly never filled: 1x1, pts -1). */
    public Frame front() { return frames[front]; }
}
