package org.watchroom.app.wall;

import java.util.Map;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.detect.DetectionResult;

/**
 * Boxes, labels, scores and face landmarks drawn on a canvas over a tile's video (never burned into the
 * pixels). Boxes are placed by their share of the frame the detector saw, so they stay aligned whatever size
 * the tile and the picture have. Redraws only when the result, its fade step or the geometry changed.
 *
 * <p>Thread-safety: FX thread only.
 */
public final class DetectionOverlay extends Canvas {
    private static final Map<String, Color> COLOURS = Map.of(
            "person", Color.web("#3fb950"), "face", Color.web("#f2cc60"), "car", Color.web("#58a6ff"),
            "truck", Color.web("#79c0ff"), "bus", Color.web("#a5d6ff"), "bicycle", Color.web("#d2a8ff"),
            "motorcycle", Color.web("#bc8cff"), "dog", Color.web("#ffa657"), "cat", Color.web("#ff7b72"));
    private static final Font LABEL_FONT = Font.font(11);
    private DetectionResult drawn;
    private double drawnOpacity = -1;
    private double drawnX;
    private double drawnY;
    private double drawnWidth;
    private double drawnHeight;

    public DetectionOverlay() {
        setMouseTransparent(true);
        getStyleClass().add("detection-overlay");
    }

    static Color colourFor(String label) {
        Color known = COLOURS.get(label);
        return known != null ? known : Color.hsb(Math.floorMod(label.hashCode(), 360), 0.65, 1.0);
    }

    /**
     * Called every pulse; redraws only when something changed (allocation-free otherwise).
     *
     * @param opacity 0 hides everything
     * @param left where the video picture lies inside the tile, in tile coordinates (with top, width, height)
     */
    public void draw(DetectionResult result, double opacity, double left, double top, double width, double height) {
        if (result == drawn && opacity == drawnOpacity && left == drawnX && top == drawnY && width == drawnWidth
                && height == drawnHeight) {
            return;
        }
        drawn = result;
        drawnOpacity = opacity;
        drawnX = left;
        drawnY = top;
        drawnWidth = width;
        drawnHeight = height;
        Rectangle2D area = new Rectangle2D(left, top, width, height);
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        if (result == null || opacity <= 0 || result.frameWidth() == 0 || result.frameHeight() == 0) {
            return;
        }
        double sx = area.getWidth() / result.frameWidth();
        double sy = area.getHeight() / result.frameHeight();
        g.setGlobalAlpha(opacity);
        g.setLineWidth(2);
        g.setFont(LABEL_FONT);
        for (Detection d : result.detections()) {
            Color colour = colourFor(d.label());
            Box b = d.box();
            double x = area.getMinX() + b.x() * sx;
            double y = area.getMinY() + b.y() * sy;
            double w = b.width() * sx;
            double h = b.height() * sy;
            g.setStroke(colour);
            g.strokeRect(x, y, w, h);
            // the track number lets a guard tell two people apart and see that one object stays one
            String text = (d.trackId() == 0 ? "" : "#" + d.trackId() + " ") + d.label() + " " + Math.round(d.score() * 100);
            g.setFill(colour.deriveColor(0, 1, 0.35, 0.8));
            g.fillRect(x, Math.max(area.getMinY(), y - 14), text.length() * 6.2 + 6, 14);
            g.setFill(Color.WHITE);
            g.fillText(text, x + 3, Math.max(area.getMinY(), y - 14) + 11);
            float[] landmarks = d.landmarks();
            if (landmarks != null) {
                g.setFill(colour);
                for (int i = 0; i + 1 < landmarks.length; i += 2) {
                    g.fillOval(area.getMinX() + landmarks[i] * sx - 1.5, area.getMinY() + landmarks[i + 1] * sy - 1.5, 3, 3);
                }
            }
        }
        g.setGlobalAlpha(1);
    }
}
