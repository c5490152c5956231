package org.watchroom.core.detect;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.watchroom.core.playback.ClipException;
import org.watchroom.core.playback.ClipReader;

/**
 * One picture from a file as a BGRA frame in a direct buffer, the layout a {@link Detector} reads: a photo
 * (anything OpenCV's {@code imread} decodes) or frame N of a video (FFmpeg, through {@link ClipReader}). For the command line, tests and
 * benchmarks, not for live cameras.
 *
 * <p>Thread-safety: immutable after loading (the buffer is not written again).
 */
public record StillFrame(ByteBuffer bgra, int width, int height, int stride) {

    /** An image file, or frame {@code frameIndex} (0-based) of a video when the file is not an image. */
    public static StillFrame read(Path file, int frameIndex) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No such file: " + file);
        }
        try (Mat image = imread(file.toString(), IMREAD_COLOR)) {
            if (image != null && !image.empty()) {
                return toBgra(image);
            }
        }
        return videoFrame(file, frameIndex);
    }

    /**
     * Frame {@code frameIndex} (0-based, in display order) of a video file, decoded by the clip player's reader:
     * plain FFmpeg demuxing and decoding, nothing from its device library.
     */
    public static StillFrame videoFrame(Path file, int frameIndex) {
        if (frameIndex < 0) {
            throw new IllegalArgumentException("frame index must be >= 0, got " + frameIndex);
        }
        try (ClipReader reader = ClipReader.open(file)) { // positioned on frame 0
            for (int i = 0; i < frameIndex; i++) {
                if (!reader.next()) {
                    throw new IllegalArgumentException(file + " is neither an image nor a video with a frame "
                            + frameIndex + " (it has " + (i + 1) + " frames)");
                }
            }
            int width = reader.format().width();
            int height = reader.format().height();
            ByteBuffer buffer = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.nativeOrder());
            reader.scaleInto(buffer, width, height);
            return new StillFrame(buffer, width, height, width * 4);
        } catch (ClipException e) {
            throw new IllegalArgumentException(file + " is neither an image nor a readable video: " + e.getMessage(), e);
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
