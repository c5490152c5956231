package org.watchroom.core.detect.internal;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;

import java.nio.ByteBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * OpenCV {@link Mat} headers over the BGRA frame buffers seen so far, found again by buffer identity: a frame
 * ring has a few slots whose buffers change only when the picture grows, so after the first round every
 * frame is wrapped without allocating. The least recently added header is dropped when a new buffer arrives.
 *
 * <p>Thread-safety: none; owned by one preprocessor.
 */
public final class FrameWrappers implements AutoCloseable {
    private final ByteBuffer[] buffers;
    private final int[] geometry;
    private final Mat[] mats;
    private final BytePointer[] pointers;
    private int next;

    public FrameWrappers(int capacity) {
        buffers = new ByteBuffer[capacity];
        geometry = new int[capacity * 3];
        mats = new Mat[capacity];
        pointers = new BytePointer[capacity];
    }

    public Mat wrap(ByteBuffer buffer, int width, int height, int stride) {
        if (!buffer.isDirect()) {
            throw new IllegalArgumentException("frames must be in a direct ByteBuffer");
        }
        if (stride < width * 4 || buffer.capacity() < (long) stride * (height - 1) + width * 4L) {
            throw new IllegalArgumentException("buffer of " + buffer.capacity() + " bytes cannot hold a "
                    + width + "x" + height + " BGRA frame with stride " + stride);
        }
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] == buffer && geometry[3 * i] == width && geometry[3 * i + 1] == height
                    && geometry[3 * i + 2] == stride) {
                return mats[i];
            }
        }
        int i = next;
        next = (next + 1) % buffers.length;
        release(i);
        buffers[i] = buffer;
        geometry[3 * i] = width;
        geometry[3 * i + 1] = height;
        geometry[3 * i + 2] = stride;
        // Absolute addressing: the pixels start at index 0 whatever the buffer's position.
        pointers[i] = new BytePointer(buffer.duplicate().clear());
        mats[i] = new Mat(height, width, CV_8UC4, pointers[i], stride);
        return mats[i];
    }

    private void release(int i) {
        if (mats[i] != null) {
            mats[i].close();
            pointers[i].close();
            mats[i] = null;
            pointers[i] = null;
            buffers[i] = null;
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < buffers.length; i++) {
            release(i);
        }
    }
}
