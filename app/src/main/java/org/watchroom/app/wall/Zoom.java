package org.watchroom.app.wall;

import javafx.geometry.Rectangle2D;

/**
 * A tile's digital zoom: how far in ({@code factor} ≥ 1) and which point of the picture is in the middle of the view
 * ({@code centreX}, {@code centreY} as fractions of the picture). The view never shows past the picture's edges.
 *
 * <p>Thread-safety: immutable.
 */
record Zoom(double factor, double centreX, double centreY) {
    static final Zoom NONE = new Zoom(1, 0.5, 0.5);
    static final double MAX = 8;
    /** Each wheel notch zooms by this much. */
    private static final double STEP = 1.25;

    Zoom {
        factor = Math.max(1, Math.min(MAX, factor));
        double half = 0.5 / factor;
        centreX = Math.max(half, Math.min(1 - half, centreX));
        centreY = Math.max(half, Math.min(1 - half, centreY));
    }

    boolean zoomed() {
        return factor > 1;
    }

    /**
     * Zoomed in ({@code notches} &gt; 0) or out by wheel notches around the point under the cursor, which stays
     * under it; {@code viewX}, {@code viewY} are where the cursor is, as fractions of the shown picture.
     */
    Zoom at(double viewX, double viewY, double notches) {
        double next = factor * Math.pow(STEP, notches);
        double pictureX = left() + viewX / factor;
        double pictureY = top() + viewY / factor;
        double to = Math.max(1, Math.min(MAX, next));
        return new Zoom(to, pictureX - viewX / to + 0.5 / to, pictureY - viewY / to + 0.5 / to);
    }

    /** Dragged by {@code dx}, {@code dy} (fractions of the shown picture): the picture follows the hand. */
    Zoom pan(double dx, double dy) {
        return new Zoom(factor, centreX - dx / factor, centreY - dy / factor);
    }

    /** The part of a {@code width} × {@code height} picture shown. */
    Rectangle2D viewport(double width, double height) {
        return new Rectangle2D(left() * width, top() * height, width / factor, height / factor);
    }

    /** The picture's left edge as the view sees it, as a fraction of the picture. */
    double left() {
        return centreX - 0.5 / factor;
    }

    double top() {
        return centreY - 0.5 / factor;
    }
}
