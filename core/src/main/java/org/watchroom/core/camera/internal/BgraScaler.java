package org.watchroom.core.camera.internal;

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
 * swscale from a decoded frame straight into a frame-ring slot as BGRA, at the size the viewer shows.
 * Keeps the native wrappers of the ring's buffers so that steady state allocates nothing.
 *
 * <p>Thread-safety: one thread (the camera's {@link FrameConverter} thread).
 */
public final class BgraScaler implements AutoCloseable {
    private final ByteBuffer[] knownBuffers;
    private final BytePointer[] knownPointers;
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

    public BgraScaler(int ringSlots) {
        knownBuffers = new ByteBuffer[ringSlots * 2];
        knownPointers = new BytePointer[ringSlots * 2];
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
        int free = -1;
        for (int i = 0; i < knownBuffers.length; i++) {
            if (knownBuffers[i] == buffer) {
                return knownPointers[i];
            }
            if (knownBuffers[i] == null && free < 0) {
                free = i;
            }
        }
        if (free < 0) { // ring buffers were replaced (resize): start over
            java.util.Arrays.fill(knownBuffers, null);
            java.util.Arrays.fill(knownPointers, null);
            free = 0;
        }
        knownBuffers[free] = buffer;
        knownPointers[free] = new BytePointer(buffer);
        return knownPointers[free];
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
