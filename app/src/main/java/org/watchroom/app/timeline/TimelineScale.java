package org.watchroom.app.timeline;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Which stretch of time the timeline shows: a window from {@code viewStart}, {@code span} long, anywhere in time
 * (drag and the wheel cross midnight into the next or previous day freely), from a whole day down to one minute.
 * Zoom steps go through a fixed ladder (1, 5, 15, 30 min, 1, 3, 6, 12 h, the whole day) so that the zoom label stays
 * readable.
 *
 * <p>Thread-safety: immutable.
 *
 * @param viewStart first instant shown
 * @param span      how long a stretch is shown
 * @param maxSpan   the widest zoom: the length of the local day it was opened on (23 or 25 h on daylight-saving
 *                  days)
 */
public record TimelineScale(Instant viewStart, Duration span, Duration maxSpan) {
    public static final Duration MIN_SPAN = Duration.ofMinutes(1);
    private static final List<Duration> LADDER = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3),
            Duration.ofHours(6), Duration.ofHours(12));

    public TimelineScale {
        maxSpan = maxSpan.compareTo(MIN_SPAN) < 0 ? MIN_SPAN : maxSpan;
        span = span.compareTo(MIN_SPAN) < 0 ? MIN_SPAN : span.compareTo(maxSpan) > 0 ? maxSpan : span;
    }

    /** The whole of {@code day} in {@code zone}. */
    public static TimelineScale wholeDay(LocalDate day, ZoneId zone) {
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        Duration length = Duration.between(start, end);
        return new TimelineScale(start, length, length);
    }

    public Instant viewEnd() { return viewStart.plus(span); }

    /** The instant in the middle of the view. */
    public Instant middle() { return viewStart.plus(span.dividedBy(2)); }

    /** The local day the middle of the view falls on: what the date picker shows. */
    public LocalDate day(ZoneId zone) { return middle().atZone(zone).toLocalDate(); }

    /** Whether any moment of [{@code from}, {@code to}) is in view. */
    public boolean shows(Instant from, Instant to) {
        return from.isBefore(viewEnd()) && to.isAfter(viewStart);
    }

    /** Where {@code t} falls in the view: 0 at its start, 1 at its end (outside for times outside it). */
    public double fraction(Instant t) {
        return (double) Duration.between(viewStart, t).toMillis() / span.toMillis();
    }

    /** The instant at {@code fraction} of the view. */
    public Instant at(double fraction) {
        return viewStart.plusMillis(Math.round(fraction * span.toMillis()));
    }

    /** One step closer, keeping the instant at {@code anchor} (a fraction of the view) where it is. */
    public TimelineScale zoomIn(double anchor) {
        Duration next = MIN_SPAN;
        for (Duration d : LADDER) {
            if (d.compareTo(span) < 0) {
                next = d;
            }
        }
        return zoomTo(next, anchor);
    }

    /** One step further out, up to the whole day. */
    public TimelineScale zoomOut(double anchor) {
        for (Duration d : LADDER) {
            if (d.compareTo(span) > 0 && d.compareTo(maxSpan) < 0) {
                return zoomTo(d, anchor);
            }
        }
        return zoomTo(maxSpan, anchor);
    }

    /** Shows {@code newSpan} (clamped), keeping the instant at {@code anchor} in place. */
    public TimelineScale zoomTo(Duration newSpan, double anchor) {
        double a = Math.clamp(anchor, 0, 1);
        Instant pinned = at(a);
        long newMillis = Math.max(MIN_SPAN.toMillis(), Math.min(newSpan.toMillis(), maxSpan.toMillis()));
        return new TimelineScale(pinned.minusMillis(Math.round(a * newMillis)), Duration.ofMillis(newMillis), maxSpan);
    }

    /** Moves the view by {@code viewFractions} of its own width (positive: later), across days as far as it goes. */
    public TimelineScale panBy(double viewFractions) {
        return scrollTo(viewStart.plusMillis(Math.round(viewFractions * span.toMillis())));
    }

    /** Shows from {@code start}, keeping the zoom. */
    public TimelineScale scrollTo(Instant start) {
        return new TimelineScale(start, span, maxSpan);
    }

    /** Centres the view on {@code t}. */
    public TimelineScale centreOn(Instant t) {
        return scrollTo(t.minusMillis(span.toMillis() / 2));
    }

    /** {@code 24 h}, {@code 3 h}, {@code 15 min}, {@code 1 min}. */
    public String zoomLabel() {
        long minutes = span.toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes / 60 + " h " + minutes % 60 + " min";
    }
}
