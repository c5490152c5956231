package org.watchroom.core.detect.internal;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_core.extractChannel;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * BGRA frame → NCHW float tensor, with OpenCV and no per-frame allocation: the frame is wrapped in a
 * {@link Mat} without copying and resized into a cached picture of the scaled size; each colour plane of it is
 * extracted and converted ({@code v × scale + offset}) straight into the image area of its slice of the direct
 * buffer that backs the ONNX Runtime input tensor. The padding around the image area never changes for one
 * source size, so it is written once (as {@code pad × scale + offset}) when the size changes, and per frame
 * only the image area is touched. Every JavaCPP wrapper is cached; new wrappers are made only when the source
 * size changes or an unseen frame buffer arrives (a ring has a few).
 *
 * <p>Alpha is ignored: camera frames are opaque, so premultiplied BGRA equals plain BGR.
 *
 * <p>Thread-safety: none; owned by one detector.
 */
public final class Preprocessor implements AutoCloseable {
    private static final int KNOWN_SOURCES = 8;

    private final Preprocessing preprocessing;
    private final int inputWidth;
    private final int inputHeight;
    private final FrameGeometry geometry = new FrameGeometry();
    private final Mat[] tensorPlanes = new Mat[3];
    private final FloatPointer[] tensorPointers = new FloatPointer[3];
    private final Scalar padTensorValue;
    private final int[] sourceChannel;
    /** Per source size: the scaled BGRA picture, its colour planes, and the image area of each tensor plane. */
    private Mat scaled;
    private Size scaledSize;
    private final Mat[] planes = new Mat[3];
    private final Mat[] tensorAreas = new Mat[3];
    private final FrameWrappers sources = new FrameWrappers(KNOWN_SOURCES);

    public Preprocessor(ModelLayout layout, FloatBuffer tensor) {
        preprocessing = layout.preprocessing();
        inputWidth = layout.width();
        inputHeight = layout.height();
        padTensorValue = new Scalar(preprocessing.padValue() * (double) preprocessing.scale() + preprocessing.offset());
        int planeSize = inputWidth * inputHeight;
        for (int c = 0; c < 3; c++) {
            // Plane c of the NCHW tensor: a float Mat over the tensor's own memory, so convertTo writes it in place.
            tensorPointers[c] = new FloatPointer(tensor.slice(c * planeSize, planeSize));
            tensorPlanes[c] = new Mat(inputHeight, inputWidth, CV_32FC1, tensorPointers[c]);
        }
        // Tensor plane c takes this channel of the BGRA picture.
        sourceChannel = preprocessing.order() == Preprocessing.ChannelOrder.BGR ? new int[] {0, 1, 2} : new int[] {2, 1, 0};
    }

    /** Fills the tensor from a BGRA frame whose pixels start at index 0 of {@code bgra}. */
    public void run(ByteBuffer bgra, int width, int height, int stride) {
        if (geometry.update(width, height, inputWidth, inputHeight, preprocessing.fit())) {
            relayout();
        }
        Mat source = sources.wrap(bgra, width, height, stride);
        resize(source, scaled, scaledSize, 0, 0, INTER_LINEAR);
        for (int c = 0; c < 3; c++) {
            extractChannel(scaled, planes[c], sourceChannel[c]);
            planes[c].convertTo(tensorAreas[c], CV_32FC1, preprocessing.scale(), preprocessing.offset());
        }
    }

    public FrameGeometry geometry() { return geometry; }

    private void relayout() {
        releaseAreas();
        int w = geometry.scaledWidth();
        int h = geometry.scaledHeight();
        scaled = new Mat(h, w, CV_8UC4);
        scaledSize = new Size(w, h);
        try (Rect area = new Rect(geometry.padX(), geometry.padY(), w, h)) {
            for (int c = 0; c < 3; c++) {
                // The padding: the same value as a pad-coloured pixel converted like the image.
                tensorPlanes[c].put(padTensorValue);
                planes[c] = new Mat(h, w, CV_8UC1);
                tensorAreas[c] = tensorPlanes[c].apply(area);
            }
        }
    }

    private void releaseAreas() {
        if (scaled != null) {
            scaled.close();
            scaledSize.close();
            for (int c = 0; c < 3; c++) {
                planes[c].close();
                tensorAreas[c].close();
            }
            scaled = null;
        }
    }

    @Override
    public void close() {
        sources.close();
        releaseAreas();
        for (int c = 0; c < 3; c++) {
            tensorPlanes[c].close();
            tensorPointers[c].close();
        }
        padTensorValue.close();
    }
}
