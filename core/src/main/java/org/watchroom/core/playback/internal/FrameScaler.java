package org.watchroom.core.playback.internal;

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
 * swscale from a decoded frame into a caller's BGRA buffer at the size asked for. Remembers the native wrappers
 * of the last few target buffers (a player cycles through three) so that steady state allocates nothing.
 *
 * <p>Thread-safety: one thread (the player's).
 */
public final class FrameScaler implements AutoCloseable {
    private static final int KNOWN = 6;
    private final ByteBuffer[] knownBuffers = new ByteBuffer[KNOWN];
    private final BytePointer[] knownPointers = new BytePointer[KNOWN];
    private final PointerPointer<BytePointer> destination = new PointerPointer<>(4);
    private final IntPointer destinationStride = new IntPointer(4);
    private int nextSlot;
    private SwsContext context;
    private AVFrame sourceFrame;
    private PointerPointer<?> sourceData;
    private IntPointer sourceStride;
    // sws_getCachedContext returns a new Java wrapper per call: call it only when the geometry changes
    private int sourceWidth;
    private int sourceHeight;
    private int sourceFormat;
    private int targetWidth;
    private int targetHeight;

    /** Scales {@code frame} into {@code target} ({@code width x height} BGRA, packed rows). */
    public void scale(AVFrame frame, ByteBuffer target, int width, int height) {
        if (frame != sourceFrame) {
            // data() and linesize() are new wrappers per call but point into the struct, which stays put
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
        for (int i = 0; i < KNOWN; i++) {
            if (knownBuffers[i] == buffer) {
                return knownPointers[i];
            }
        }
        int slot = nextSlot;
        nextSlot = (nextSlot + 1) % KNOWN;
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
