package org.watchroom.core.detect;

/**
 * An axis-aligned box in source-frame pixels: top-left corner plus size.
 *
 * <p>Thread-safety: immutable.
 */
public record Box(float x, float y, float width, float height) {

    public float area() {
        return Math.max(0, width) * Math.max(0, height);
    }

    public float centerX() { return x + width / 2; }

    public float centerY() { return y + height / 2; }

    /** Intersection over union; 0 when either box is empty. */
    public float iou(Box other) {
        float ix = Math.min(x + width, other.x + other.width) - Math.max(x, other.x);
        float iy = Math.min(y + height, other.y + other.height) - Math.max(y, other.y);
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        float inter = ix * iy;
        return inter / (area() + other.area() - inter);
    }
}
