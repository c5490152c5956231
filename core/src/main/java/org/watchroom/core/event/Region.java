package org.watchroom.core.event;

import org.watchroom.core.detect.Box;

/**
 * An axis-aligned box in normalised coordinates (0..1 of the frame width and height). Events carry their boxes
 * this way so that a dismissed event's box can become a suppression region as it is, whatever resolution the
 * detector ran at.
 *
 * <p>Thread-safety: immutable.
 */
public record Region(double x, double y, double width, double height) {

    public Region {
        if (!(x >= 0 && y >= 0 && width >= 0 && height >= 0 && x + width <= 1 + 1e-9 && y + height <= 1 + 1e-9)) {
            throw new IllegalArgumentException("a region must lie within 0..1 of the frame, not "
                    + "x=" + x + " y=" + y + " width=" + width + " height=" + height);
        }
    }

    /** The whole picture. */
    public static Region whole() {
        return new Region(0, 0, 1, 1);
    }

    /**
     * A detector box in frame pixels as a region, clipped to the frame (detectors may overshoot the edges) and
     * rounded to millionths, far below a pixel, so that float noise does not show in stored settings.
     */
    public static Region of(Box box, int frameWidth, int frameHeight) {
        if (frameWidth <= 0 || frameHeight <= 0) {
            throw new IllegalArgumentException("frame size must be positive, not " + frameWidth + "x" + frameHeight);
        }
        // round the corners, not the size, so that x + width cannot round past the frame edge
        double x0 = round(clip(box.x() / frameWidth));
        double y0 = round(clip(box.y() / frameHeight));
        double x1 = round(clip((box.x() + box.width()) / frameWidth));
        double y1 = round(clip((box.y() + box.height()) / frameHeight));
        return new Region(x0, y0, round(Math.max(0, x1 - x0)), round(Math.max(0, y1 - y0)));
    }

    public double area() {
        return width * height;
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    /** Where the object touches the ground, roughly: what zones are tested with. */
    public double bottom() {
        return y + height;
    }

    public boolean contains(double px, double py) {
        return px >= x && px <= x + width && py >= y && py <= y + height;
    }

    /** Intersection over union; 0 when either region is empty. */
    public double iou(Region other) {
        double ix = Math.min(x + width, other.x + other.width) - Math.max(x, other.x);
        double iy = Math.min(y + height, other.y + other.height) - Math.max(y, other.y);
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        double inter = ix * iy;
        return inter / (area() + other.area() - inter);
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static double clip(double v) {
        return Math.min(1, Math.max(0, v));
    }
}
