package org.watchroom.app.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.TimelineEvent;

/**
 * The timeline's geometry for one frame: the time axis on top, one strip per camera under it with the camera's
 * name in the left margin, and each event as a bar from its start to its end (ongoing ones to {@code now}).
 * Events of one camera that overlap on screen go into lanes (at most {@value #MAX_LANES}) so none hides another.
 * Under the events, a thin band per camera shows its recording: footage, and gaps coloured by their reason.
 *
 * <p>Thread-safety: immutable once built.
 */
public final class TimelineLayout {
    public static final double LABEL_WIDTH = 110;
    public static final double AXIS_HEIGHT = 24;
    public static final double STRIP_HEIGHT = 36;
    /** Height of the recording band at the bottom of each strip. */
    public static final double COVERAGE_HEIGHT = 8;
    public static final double MIN_BAR = 3;
    static final int MAX_LANES = 3;
    private static final double PAD = 3;
    /** A gap narrower than this on screen is drawn this wide, so that it shows and its reason can be hovered. */
    private static final double MIN_GAP = 3;

    /**
     * A piece of a camera's recording band: footage ({@code gap} null) or a gap.
     *
     * <p>Thread-safety: immutable.
     */
    public record Band(int strip, double x0, double x1, double y0, double y1, String colour, RecordingGap gap) {
        public boolean contains(double x, double y) {
            return x >= x0 && x <= x1 && y >= y0 && y <= y1;
        }

        public double centreX() { return (x0 + x1) / 2; }

        public double centreY() { return (y0 + y1) / 2; }
    }

    private final List<Strip> strips;
    private final TimelineScale scale;
    private final double width;
    private final List<Bar> bars = new ArrayList<>();
    private final List<Band> bands = new ArrayList<>();

    public TimelineLayout(List<Strip> strips, List<TimelineEvent> events, TimelineScale scale, double width, Instant now) {
        this(strips, events, Map.of(), scale, width, now);
    }

    /** With each camera's recording ({@code coverage} by camera id). */
    public TimelineLayout(List<Strip> strips, List<TimelineEvent> events, Map<Long, Coverage> coverage,
                          TimelineScale scale, double width, Instant now) {
        this.strips = List.copyOf(strips);
        this.scale = scale;
        this.width = width;
        for (int s = 0; s < this.strips.size(); s++) {
            layOut(s, events, now);
            Long camera = this.strips.get(s).cameraId();
            Coverage c = camera == null ? null : coverage.get(camera);
            if (c != null) {
                layOutCoverage(s, c, now);
            }
        }
    }

    private void layOutCoverage(int s, Coverage coverage, Instant now) {
        double y0 = stripTop(s) + STRIP_HEIGHT - PAD - COVERAGE_HEIGHT;
        double y1 = y0 + COVERAGE_HEIGHT;
        for (Coverage.Run r : coverage.runs()) {
            Instant end = r.open() && now.isAfter(r.to()) ? now : r.to(); // still being written: up to now
            double a = Math.max(LABEL_WIDTH, xOf(r.from()));
            double b = Math.min(width, xOf(end));
            if (b >= LABEL_WIDTH && a <= width) {
                bands.add(new Band(s, a, Math.max(b, a + 1), y0, y1, Coverage.FOOTAGE_COLOUR, null));
            }
        }
        for (RecordingGap g : coverage.gaps()) {
            Instant end = g.endedAt() != null ? g.endedAt() : now;
            double a = Math.max(LABEL_WIDTH, xOf(g.startedAt()));
            double b = Math.min(width, xOf(end));
            if (b >= LABEL_WIDTH && a <= width) {
                if (b - a < MIN_GAP) {
                    double mid = (a + b) / 2;
                    a = Math.max(LABEL_WIDTH, mid - MIN_GAP / 2);
                    b = a + MIN_GAP;
                }
                bands.add(new Band(s, a, b, y0, y1, Coverage.colour(g.reason()), g));
            }
        }
    }

    /** The event bars' room in a strip: above its recording band. */
    private static double eventsHeight() {
        return STRIP_HEIGHT - 2 * PAD - COVERAGE_HEIGHT - 1;
    }

    private void layOut(int s, List<TimelineEvent> events, Instant now) {
        Strip strip = strips.get(s);
        double[] laneEnds = new double[MAX_LANES];
        Arrays.fill(laneEnds, Double.NEGATIVE_INFINITY);
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
        double laneHeight = eventsHeight() / used;
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

    /** The recording bands: footage first, then gaps (drawn over it). */
    public List<Band> bands() { return List.copyOf(bands); }

    /** The gap band under canvas point ({@code x}, {@code y}), for its tooltip. */
    public Optional<Band> gapAt(double x, double y) {
        for (int i = bands.size() - 1; i >= 0; i--) {
            Band b = bands.get(i);
            if (b.gap() != null && b.contains(x, y)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** The gap band drawn for {@code gapId}, if it is in view. */
    public Optional<Band> bandOfGap(long gapId) {
        return bands.stream().filter(b -> b.gap() != null && b.gap().id() == gapId).findFirst();
    }

    /** The strip whose name is at canvas point ({@code x}, {@code y}) (the left margin), or -1. */
    public int nameAt(double x, double y) {
        return x < LABEL_WIDTH ? stripAt(y) : -1;
    }

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
