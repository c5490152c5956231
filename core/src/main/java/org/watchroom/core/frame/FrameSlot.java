package org.watchroom.core.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One preallocated picture in a {@link FrameRing}: BGRA premultiplied pixels (what a JavaFX
 * {@code PixelBuffer} wraps without a copy) plus the metadata of the frame it holds.
 *
 * <p>Thread-safety: written only by the ring's producer while no reader has it pinned; readers see it
 * only between {@link FrameRing.Reader#acquireNewest()} and {@link FrameRing.Reader#release()}, during
 * which its contents do not change. The pin count is the only field touched by both sides. A slot handed out by a
 * {@link SharedFrameReader} is that reader's view of a slot in another process's ring: same rules, pinned in the
 * shared file instead.
 */
public final class FrameSlot {
    private final int index;
    final AtomicInteger pins = new AtomicInteger();
    private ByteBuffer pixels;
    private int width;
    private int height;
    private int stride;
    private long sequence;
    private long captureNanos;

    FrameSlot(int index, int initialCapacity) {
        this.index = index;
        this.pixels = allocate(initialCapacity);
    }

    /** A slot whose pixels live in {@code pixels} (a slice of a shared file, or a reader's view of one). */
    FrameSlot(int index, ByteBuffer pixels) {
        this.index = index;
        this.pixels = pixels;
    }

    private static ByteBuffer allocate(int capacity) {
        return ByteBuffer.allocateDirect(Math.max(capacity, 4)).order(ByteOrder.nativeOrder());
    }

    /** Producer side: makes room for a {@code width x height} picture; reallocates only when it grows. */
    ByteBuffer prepare(int width, int height) {
        int needed = width * height * 4;
        if (pixels.capacity() < needed) {
            pixels = allocate(needed);
        }
        this.width = width;
        this.height = height;
        this.stride = width * 4;
        pixels.clear().limit(needed);
        return pixels;
    }

    /** Producer side, shared rings: the slot's storage in the file's current generation, before {@link #prepare}. */
    void storage(ByteBuffer buffer) {
        if (pixels != buffer) {
            pixels = buffer;
        }
    }

    /** A {@link SharedFrameReader}'s view: the metadata of the frame now pinned in this slot of the file. */
    void show(int width, int height, int stride, long sequence, long captureNanos) {
        this.width = width;
        this.height = height;
        this.stride = stride;
        this.sequence = sequence;
        this.captureNanos = captureNanos;
        pixels.clear().limit(stride * height);
    }

    void stamp(long sequence, long captureNanos) {
        this.sequence = sequence;
        this.captureNanos = captureNanos;
    }

    public int index() { return index; }

    /** The pixels, position 0, limit {@code stride * height}. The buffer object changes only on resize. */
    public ByteBuffer pixels() { return pixels; }

    public int width() { return width; }

    public int height() { return height; }

    /** Bytes per row (always {@code width * 4}: rows are packed). */
    public int stride() { return stride; }

    /** Ring-wide frame number, starting at 1. */
    public long sequence() { return sequence; }

    /**
     * {@link System#nanoTime()} when the frame was decoded; on Linux comparable across processes (one monotonic
     * clock), so a workstation can age a frame from the engine.
     */
    public long captureNanos() { return captureNanos; }
}
