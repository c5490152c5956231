package org.watchroom.core.detect;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.nio.ByteBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Cuts a box (a face, a person) out of a BGRA frame as JPEG bytes, for storing beside an event. Runs once per
 * event, not per frame, so it allocates freely; it reads the frame without copying it first.
 *
 * <p>Thread-safety: stateless; safe from any thread as long as the frame is not written meanwhile (hold the
 * ring slot pinned).
 */
public final class FrameCrops {
    public static final int DEFAULT_QUALITY = 90;

    private FrameCrops() {
    }

    /**
     * JPEG of {@code box} grown by {@code margin} × its size on every side (0.2 = 20 %), clipped to the frame.
     *
     * @throws IllegalArgumentException when the box lies outside the frame
     */
    public static byte[] cropJpeg(ByteBuffer bgra, int width, int height, int stride, Box box, float margin) {
        return cropJpeg(bgra, width, height, stride, box, margin, DEFAULT_QUALITY);
    }

    public static byte[] cropJpeg(ByteBuffer bgra, int width, int height, int stride, Box box, float margin,
            int quality) {
        if (!bgra.isDirect() || bgra.capacity() < (long) stride * (height - 1) + width * 4L) {
            throw new IllegalArgumentException("not a direct buffer holding a " + width + "x" + height + " BGRA frame");
        }
        float padX = box.width() * margin;
        float padY = box.height() * margin;
        int x1 = Math.max(0, (int) Math.floor(box.x() - padX));
        int y1 = Math.max(0, (int) Math.floor(box.y() - padY));
        int x2 = Math.min(width, (int) Math.ceil(box.x() + box.width() + padX));
        int y2 = Math.min(height, (int) Math.ceil(box.y() + box.height() + padY));
        if (x2 <= x1 || y2 <= y1) {
            throw new IllegalArgumentException("box " + box + " lies outside the " + width + "x" + height + " frame");
        }
        try (BytePointer pixels = new BytePointer(bgra.duplicate().clear());
             Mat frame = new Mat(height, width, CV_8UC4, pixels, stride);
             Rect area = new Rect(x1, y1, x2 - x1, y2 - y1);
             Mat region = frame.apply(area);
             Mat bgr = new Mat();
             BytePointer jpeg = new BytePointer();
             IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, quality)) {
            cvtColor(region, bgr, COLOR_BGRA2BGR);
            if (!imencode(".jpg", bgr, jpeg, params)) {
                throw new IllegalStateException("OpenCV could not encode a JPEG");
            }
            byte[] bytes = new byte[Math.toIntExact(jpeg.limit())];
            jpeg.get(bytes);
            return bytes;
        }
    }
}
