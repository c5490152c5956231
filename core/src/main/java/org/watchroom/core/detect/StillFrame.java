package org.watchroom.core.detect;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One picture from a file as a BGRA frame in a direct buffer, the layout a {@link Detector} reads: a photo
 * (anything OpenCV's {@code imread} decodes) or frame N of a video ({@code playback.StillFrames}, which decodes it
 * above the detector's layer). For the command line, tests and benchmarks, not for live cameras.
 *
 * <p>Thread-safety: immutable after loading (the buffer is not written again).
 */
public record StillFrame(ByteBuffer bgra, int width, int height, int stride) {

    /**
     * An image file (anything OpenCV's {@code imread} decodes) as a frame; empty when the file is not an image
     * (frames of videos: {@code playback.StillFrames}).
     */
    public static Optional<StillFrame> image(Path file) {
        try (Mat image = imread(file.toString(), IMREAD_COLOR)) {
            return image != null && !image.empty() ? Optional.of(toBgra(image)) : Optional.empty();
        }
    }

    private static StillFrame toBgra(Mat image) {
        int width = image.cols();
        int height = image.rows();
        ByteBuffer buffer = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.nativeOrder());
        try (BytePointer pointer = new BytePointer(buffer);
             Mat target = new Mat(height, width, CV_8UC4, pointer, width * 4L)) {
            cvtColor(image, target, image.channels() == 1 ? COLOR_GRAY2BGRA : COLOR_BGR2BGRA);
        }
        return new StillFrame(buffer, width, height, width * 4);
    }
}
