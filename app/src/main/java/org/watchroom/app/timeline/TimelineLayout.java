package org.watchroom.app.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.watchroom.core.store.TimelineEvent;

/**
 * The timeline's geometry for one frame: the time axis on top, one strip per camera under it with the camera's
 * name in the left margin, and each event as a bar from its start to its end (ongoing ones to {@code now}).
 * Events of one camera that overlap on screen go into lanes (at most {@value #MAX_LANES}) so none hides another.
 *
 * <p>Thread-safety: immutable once built.
 */
public final class TimelineLayout {
    public static final double LABEL_WIDTH = 110;
    public static final double AXIS_HEIGHT = 24;
    public static final double STRIP_HEIGHT = 30;
    public static final double MIN_BAR = 3;
    static final int MAX_LANES = 3;
    private static final double PAD = 3;

    private final List<Strip> strips;
    private final TimelineScale scale;
    private final double width;
    private final List<Bar> bars = new ArrayList<>();

    public TimelineLayout(List<Strip> strips, List<TimelineEvent> events, TimelineScale scale, double width, Instant now) {
        this.strips = List.copyOf(strips);
        this.scale = scale;
        this.width = width;
        for (int s = 0; s < this.strips.size(); s++) {
            layOut(s, events, now);
        }
    }

    private void layOut(int s, List<TimelineEvent> events, Instant now) {
        Strip strip = strips.get(s);
        double[] laneEnds = new double[MAX_LANES];
        java.util.Arrays.fill(laneEnds, Double.NEGATIVE_INFINITY);
        List<double[]> spans = new ArrayList<>();
        List<TimelineEvent> shown = new ArrayList<>();
        for (TimelineEvent e : events) { // events come ordered by start
            if (!strip.holds(e)) {
                continue;
            }
            Instant end = e.endedAt() != null ? e.endedAt() : now.isAfter(e.startedAt()) ? now : e.startedAt();
            double a = xOf(e.startedAt());
            double b = xOf(end);
            if (b < LABEL_WIDTH || a > width) {
                continue;
            }
            double x0 = Math.max(LABEL_WIDTH, a);
            double x1 = Math.max(Math.min(width, b), x0 + MIN_BAR);
            spans.add(new double[] {x0, x1, a < LABEL_WIDTH ? 1 : 0, b > width ? 1 : 0});
            shown.add(e);
        }
        int[] lanes = new int[shown.size()];
        int used = 1;
        for (int i = 0; i < shown.size(); i++) {
            int lane = MAX_LANES - 1;
            for (int l = 0; l < MAX_LANES; l++) {
                if (laneEnds[l] < spans.get(i)[0]) {
                    lane = l;
                    break;
                }
            }
            laneEnds[lane] = Math.max(laneEnds[lane], spans.get(i)[1]);
            lanes[i] = lane;
            used = Math.max(used, lane + 1);
        }
        double top = stripTop(s) + PAD;
        double laneHeight = (STRIP_HEIGHT - 2 * PAD) / used;
        for (int i = 0; i < shown.size(); i++) {
            double[] sp = spans.get(i);
            double y0 = top + lanes[i] * laneHeight;
            bars.add(new Bar(shown.get(i), s, sp[0], sp[1], y0, y0 + laneHeight - (used > 1 ? 1 : 0),
                    LabelKind.of(shown.get(i).label()), sp[2] > 0, sp[3] > 0));
        }
    }

    public List<Strip> strips() { return strips; }

    public TimelineScale scale() { return scale; }

    /** Bars in drawing order (later ones on top). */
    public List<Bar> bars() { return List.copyOf(bars); }

    public double width() { return width; }

    public double height() { return AXIS_HEIGHT + strips.size() * STRIP_HEIGHT; }

    public double plotWidth() { return Math.max(1, width - LABEL_WIDTH); }

    public double stripTop(int strip) { return AXIS_HEIGHT + strip * STRIP_HEIGHT; }

    /** The canvas x of {@code t} (left of the plot or right of the canvas when outside the view). */
    public double xOf(Instant t) { return LABEL_WIDTH + scale.fraction(t) * plotWidth(); }

    /** The view fraction at canvas {@code x}, for zooming around the mouse. */
    public double fractionAt(double x) { return Math.clamp((x - LABEL_WIDTH) / plotWidth(), 0, 1); }

    public Instant timeAt(double x) { return scale.at(fractionAt(x)); }

    /** The strip at canvas {@code y}, or -1 over the axis or below the last strip. */
    public int stripAt(double y) {
        if (y < AXIS_HEIGHT) {
            return -1;
        }
        int s = (int) ((y - AXIS_HEIGHT) / STRIP_HEIGHT);
        return s < strips.size() ? s : -1;
    }

    /** The bar under canvas point ({@code x}, {@code y}); the one drawn last wins. */
    public Optional<Bar> barAt(double x, double y) {
        for (int i = bars.size() - 1; i >= 0; i--) {
            if (bars.get(i).contains(x, y)) {
                return Optional.of(bars.get(i));
            }
        }
        return Optional.empty();
    }

    /** The bar of event {@code id}, if it is in view. */
    public Optional<Bar> barOf(long id) {
        return bars.stream().filter(b -> b.event().id() == id).findFirst();
    }
}
