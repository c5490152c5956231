package org.watchroom.core.detect;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import java.nio.ByteBuffer;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * A whole frame as JPEG with detection boxes and labels drawn in (the event snapshot an analyst sees in the
 * review queue). Boxes are given in the pixels of a frame {@code sourceWidth x sourceHeight} and scaled to this
 * one. Runs once per event peak, so it allocates freely.
 *
 * <p>Thread-safety: stateless; the frame must not change meanwhile (hold the ring slot pinned).
 */
public final class FrameSnapshots {
    private FrameSnapshots() {
    }

    public static byte[] jpegWithBoxes(ByteBuffer bgra, int width, int height, int stride, List<Detection> detections,
                                       int sourceWidth, int sourceHeight) {
        double sx = sourceWidth == 0 ? 1 : (double) width / sourceWidth;
        double sy = sourceHeight == 0 ? 1 : (double) height / sourceHeight;
        try (BytePointer pixels = new BytePointer(bgra.duplicate().clear());
             Mat frame = new Mat(height, width, CV_8UC4, pixels, stride);
             Mat bgr = new Mat();
             BytePointer jpeg = new BytePointer();
             IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, 90)) {
            cvtColor(frame, bgr, COLOR_BGRA2BGR);
            for (Detection d : detections) {
                Box b = d.box();
                int x = (int) Math.round(b.x() * sx);
                int y = (int) Math.round(b.y() * sy);
                try (Point topLeft = new Point(x, y);
                     Point bottomRight = new Point((int) Math.round((b.x() + b.width()) * sx),
                             (int) Math.round((b.y() + b.height()) * sy));
                     Point textAt = new Point(x, Math.max(12, y - 4));
                     Scalar colour = colourOf(d.label())) {
                    rectangle(bgr, topLeft, bottomRight, colour, 2, LINE_AA, 0);
                    putText(bgr, d.label() + " " + Math.round(d.score() * 100), textAt, FONT_HERSHEY_SIMPLEX, 0.45,
                            colour, 1, LINE_AA, false);
                }
            }
            if (!imencode(".jpg", bgr, jpeg, params)) {
                throw new IllegalStateException("OpenCV could not encode a JPEG");
            }
            byte[] bytes = new byte[Math.toIntExact(jpeg.limit())];
            jpeg.get(bytes);
            return bytes;
        }
    }

    /**
     * A frame as PNG (lossless: a still saved by hand, as evidence) with {@code caption} (the camera and the time)
     * written in a dark band along its bottom edge.
     */
    public static byte[] pngWithCaption(ByteBuffer bgra, int width, int height, int stride, String caption) {
        try (BytePointer pixels = new BytePointer(bgra.duplicate().clear());
             Mat frame = new Mat(height, width, CV_8UC4, pixels, stride);
             Mat bgr = new Mat();
             BytePointer png = new BytePointer()) {
            cvtColor(frame, bgr, COLOR_BGRA2BGR);
            double scale = Math.max(0.4, Math.min(1.2, width / 1000.0));
            int band = (int) Math.round(26 * scale);
            try (Point from = new Point(0, Math.max(0, height - band));
                 Point to = new Point(width, height);
                 Point textAt = new Point((int) Math.round(6 * scale), height - (int) Math.round(8 * scale));
                 Scalar dark = new Scalar(0, 0, 0, 0);
                 Scalar white = new Scalar(255, 255, 255, 0)) {
                rectangle(bgr, from, to, dark, -1, LINE_AA, 0); // filled
                putText(bgr, caption, textAt, FONT_HERSHEY_SIMPLEX, 0.55 * scale, white, 1, LINE_AA, false);
            }
            if (!imencode(".png", bgr, png)) {
                throw new IllegalStateException("OpenCV could not encode a PNG");
            }
            byte[] bytes = new byte[Math.toIntExact(png.limit())];
            png.get(bytes);
            return bytes;
        }
    }

    /** BGR colours matching the wall's overlay palette for the common labels. */
    private static Scalar colourOf(String label) {
        return switch (label) {
            case "person" -> new Scalar(80, 185, 63, 0);
            case "face" -> new Scalar(96, 204, 242, 0);
            case "car", "truck", "bus" -> new Scalar(255, 166, 88, 0);
            default -> new Scalar(255, 168, 210, 0);
        };
    }
}
