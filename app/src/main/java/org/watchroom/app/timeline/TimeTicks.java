package org.watchroom.app.timeline;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Tick marks for the time axis: the finest step from a fixed ladder (10 s … 6 h) that keeps labels at least
 * {@code minSpacing} pixels apart, on round local times ({@code 06:00}, {@code 14:15}, {@code 14:15:30}).
 *
 * <p>Thread-safety: stateless.
 */
public final class TimeTicks {
    private static final long[] STEPS = {10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600};
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** One tick: its instant, its x within the plot (0 = view start), its label. */
    public record Tick(Instant at, double x, String label) {
    }

    private TimeTicks() {
    }

    /** The step, in seconds, for {@code scale} drawn {@code width} pixels wide. */
    public static long stepSeconds(TimelineScale scale, double width, double minSpacing) {
        double pixelsPerSecond = width / scale.span().toSeconds();
        for (long step : STEPS) {
            if (step * pixelsPerSecond >= minSpacing) {
                return step;
            }
        }
        return STEPS[STEPS.length - 1];
    }

    /** The ticks inside the view, in order. */
    public static List<Tick> ticks(TimelineScale scale, ZoneId zone, double width, double minSpacing) {
        long step = stepSeconds(scale, width, minSpacing);
        DateTimeFormatter format = step < 60 ? SECONDS : MINUTES;
        ZonedDateTime first = scale.viewStart().atZone(zone);
        ZoneOffset offset = first.getOffset(); // keeps ticks inside a repeated (fall-back) hour on that hour
        LocalDateTime local = first.toLocalDateTime();
        long secondOfDay = local.toLocalTime().toSecondOfDay();
        LocalDateTime t = local.toLocalDate().atStartOfDay().plusSeconds(secondOfDay - secondOfDay % step);
        List<Tick> ticks = new ArrayList<>();
        Instant last = null;
        for (int guard = 0; guard < 2000; guard++, t = t.plusSeconds(step)) {
            ZonedDateTime z = ZonedDateTime.ofLocal(t, zone, offset);
            Instant at = z.toInstant();
            if (!at.isBefore(scale.viewEnd())) {
                break;
            }
            if (at.isBefore(scale.viewStart()) || at.equals(last) || !z.toLocalDateTime().equals(t)) {
                continue; // before the view, or a local time that a spring-forward gap skips
            }
            last = at;
            ticks.add(new Tick(at, scale.fraction(at) * width, z.format(format)));
        }
        return ticks;
    }
}
