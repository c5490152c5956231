package org.watchroom.core.detect;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One picture from a file as a BGRA frame in a direct buffer, the layout a {@link Detector} reads: a photo
 * (anything OpenCV's {@code imread} decodes) or frame N of a video (FFmpeg). For the command line, tests and
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

    /** Frame {@code frameIndex} (0-based, decode order of displayed frames) of a video file. */
    public static StillFrame videoFrame(Path file, int frameIndex) {
        if (frameIndex < 0) {
            throw new IllegalArgumentException("frame index must be >= 0, got " + frameIndex);
        }
        // FFmpeg prints a stream summary per open; keep the console for results (errors still show).
        if (avutil.av_log_get_level() > avutil.AV_LOG_ERROR) {
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        }
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            Frame frame = null;
            for (int i = 0; i <= frameIndex; i++) {
                frame = grabber.grabImage();
                if (frame == null) {
                    throw new IllegalArgumentException(file + " is neither an image nor a video with a frame "
                            + frameIndex + " (it has " + i + " frames)");
                }
            }
            return toBgra(converter.convert(frame));
        } catch (FrameGrabber.Exception e) {
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

    /** Converts this frame back to a 3-channel BGR Mat (for drawing and saving); the caller closes it. */
    public Mat toBgrMat() {
        Mat bgr = new Mat();
        try (BytePointer pointer = new BytePointer(bgra.duplicate().clear());
             Mat source = new Mat(height, width, CV_8UC4, pointer, stride)) {
            cvtColor(source, bgr, COLOR_BGRA2BGR);
        }
        return bgr;
    }
}
