package org.watchroom.app.timeline;

import org.watchroom.core.store.TimelineEvent;

/**
 * Where one event is drawn, in canvas pixels.
 *
 * <p>Thread-safety: immutable.
 *
 * @param event the event
 * @param strip the index of its camera's strip
 * @param x0    left edge
 * @param x1    right edge (at least {@link TimelineLayout#MIN_BAR} right of {@code x0}, so short events can be hit)
 * @param y0    top
 * @param y1    bottom
 * @param kind  its colour group
 * @param cutLeft  the event started before the view (drawn without a left edge)
 * @param cutRight the event goes on past the view
 */
public record Bar(TimelineEvent event, int strip, double x0, double x1, double y0, double y1, LabelKind kind,
                  boolean cutLeft, boolean cutRight) {

    public boolean contains(double x, double y) {
        return x >= x0 && x <= x1 && y >= y0 && y <= y1;
    }

    public double centreX() { return (x0 + x1) / 2; }

    public double centreY() { return (y0 + y1) / 2; }
}
