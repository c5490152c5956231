package org.watchroom.core.media;

import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * swscale from a decoded frame straight into a caller's BGRA buffer (a frame-ring slot, a player buffer) at the
 * size the viewer shows. Keeps the native wrappers of the last few target buffers, so that a caller cycling
 * through a fixed set of buffers allocates nothing in steady state.
 *
 * <p>Thread-safety: one thread (a camera's converter thread, or a clip player's thread).
 */
public final class BgraScaler implements AutoCloseable {
    private final ByteBuffer[] knownBuffers;
    private final BytePointer[] knownPointers;
    private int nextSlot;
    private final PointerPointer<BytePointer> destination = new PointerPointer<>(4);
    private final IntPointer destinationStride = new IntPointer(4);
    private SwsContext context;
    private AVFrame sourceFrame;
    private PointerPointer<?> sourceData;
    private IntPointer sourceStride;
    // What the cached context converts: sws_getCachedContext returns a new Java wrapper per call, so call it
    // only when the geometry changes.
    private int sourceWidth;
    private int sourceHeight;
    private int sourceFormat;
    private int targetWidth;
    private int targetHeight;

    /** @param targets how many distinct target buffers the caller cycles through (wrappers kept for twice that) */
    public BgraScaler(int targets) {
        knownBuffers = new ByteBuffer[targets * 2];
        knownPointers = new BytePointer[targets * 2];
    }

    /** Scales {@code frame} into {@code target} ({@code width x height} BGRA, packed rows). */
    public void scale(AVFrame frame, ByteBuffer target, int width, int height) {
        if (frame != sourceFrame) {
            // data() and linesize() point into the AVFrame struct, which stays put between receive calls.
            sourceFrame = frame;
            sourceData = frame.data();
            sourceStride = frame.linesize();
        }
        if (context == null || frame.width() != sourceWidth || frame.height() != sourceHeight
                || frame.format() != sourceFormat || width != targetWidth || height != targetHeight) {
            context = sws_getCachedContext(context, frame.width(), frame.height(), frame.format(), width, height,
                    avutil.AV_PIX_FMT_BGRA, SWS_BILINEAR, null, null, (DoublePointer) null);
            sourceWidth = frame.width();
            sourceHeight = frame.height();
            sourceFormat = frame.format();
            targetWidth = width;
            targetHeight = height;
        }
        destination.put(0, pointerFor(target));
        destinationStride.put(0, width * 4);
        sws_scale(context, sourceData, sourceStride, 0, frame.height(), destination, destinationStride);
    }

    private BytePointer pointerFor(ByteBuffer buffer) {
        for (int i = 0; i < knownBuffers.length; i++) {
            if (knownBuffers[i] == buffer) {
                return knownPointers[i];
            }
        }
        // a new buffer (first use, or buffers replaced on resize) takes the oldest place
        int slot = nextSlot;
        nextSlot = (nextSlot + 1) % knownBuffers.length;
        knownBuffers[slot] = buffer;
        knownPointers[slot] = new BytePointer(buffer);
        return knownPointers[slot];
    }

    @Override
    public void close() {
        if (context != null) {
            sws_freeContext(context);
            context = null;
        }
        destination.close();
        destinationStride.close();
    }
}
