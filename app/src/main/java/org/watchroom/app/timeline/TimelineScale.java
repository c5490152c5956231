package org.watchroom.app.timeline;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Which part of one local day the timeline shows: from the whole day down to one minute. Zoom steps go through
 * a fixed ladder (1, 5, 15, 30 min, 1, 3, 6, 12 h, the whole day) so that the zoom label stays readable; the span
 * and start are clamped so the view never leaves the day.
 *
 * @param dayStart  the day's local midnight
 * @param dayEnd    the next day's local midnight (23 or 25 h later on daylight-saving days)
 * @param viewStart first instant shown
 * @param span      how long a stretch is shown
 *
 * <p>Thread-safety: immutable.
 */
public record TimelineScale(Instant dayStart, Instant dayEnd, Instant viewStart, Duration span) {
    public static final Duration MIN_SPAN = Duration.ofMinutes(1);
    private static final List<Duration> LADDER = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3),
            Duration.ofHours(6), Duration.ofHours(12));

    public TimelineScale {
        if (!dayStart.isBefore(dayEnd)) {
            throw new IllegalArgumentException("A day must end after it starts.");
        }
        Duration day = Duration.between(dayStart, dayEnd);
        span = span.compareTo(MIN_SPAN) < 0 ? MIN_SPAN : span.compareTo(day) > 0 ? day : span;
        Instant latest = dayEnd.minus(span);
        viewStart = viewStart.isBefore(dayStart) ? dayStart : viewStart.isAfter(latest) ? latest : viewStart;
    }

    /** The whole of {@code day} in {@code zone}. */
    public static TimelineScale wholeDay(LocalDate day, ZoneId zone) {
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        return new TimelineScale(start, end, start, Duration.between(start, end));
    }

    public Duration dayLength() { return Duration.between(dayStart, dayEnd); }

    public Instant viewEnd() { return viewStart.plus(span); }

    public boolean wholeDayShown() { return span.equals(dayLength()); }

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
            if (d.compareTo(span) > 0 && d.compareTo(dayLength()) < 0) {
                return zoomTo(d, anchor);
            }
        }
        return zoomTo(dayLength(), anchor);
    }

    /** Shows {@code newSpan} (clamped), keeping the instant at {@code anchor} in place. */
    public TimelineScale zoomTo(Duration newSpan, double anchor) {
        double a = Math.clamp(anchor, 0, 1);
        Instant pinned = at(a);
        long newMillis = Math.max(MIN_SPAN.toMillis(), Math.min(newSpan.toMillis(), dayLength().toMillis()));
        return new TimelineScale(dayStart, dayEnd, pinned.minusMillis(Math.round(a * newMillis)), Duration.ofMillis(newMillis));
    }

    /** Moves the view by {@code viewFractions} of its own width (positive: later). */
    public TimelineScale panBy(double viewFractions) {
        return scrollTo(viewStart.plusMillis(Math.round(viewFractions * span.toMillis())));
    }

    /** Shows from {@code start} (clamped to the day). */
    public TimelineScale scrollTo(Instant start) {
        return new TimelineScale(dayStart, dayEnd, start, span);
    }

    /** Centres the view on {@code t} (clamped to the day). */
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
