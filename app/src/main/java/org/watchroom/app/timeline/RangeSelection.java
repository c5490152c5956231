package org.watchroom.app.timeline;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.watchroom.core.evidence.RangeRequest;

/**
 * A stretch of time selected on the timeline for export, and the cameras it is for.
 *
 * <p>Thread-safety: immutable.
 *
 * @param cameras the configured cameras' strips, in timeline order (at least one)
 * @param from    start, never after {@code to}
 * @param to      end; equal to {@code from} while only the start is chosen (a Shift+click waiting for its end)
 */
public record RangeSelection(List<Strip> cameras, Instant from, Instant to) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public RangeSelection {
        cameras = List.copyOf(cameras);
        if (cameras.isEmpty() || cameras.stream().anyMatch(s -> s.cameraId() == null)) {
            throw new IllegalArgumentException("a range is for configured cameras: " + cameras);
        }
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a range ends after it starts: " + from + " … " + to);
        }
    }

    public Duration length() { return Duration.between(from, to); }

    /** Only the start is chosen: nothing to export yet. */
    public boolean isEmpty() { return !to.isAfter(from); }

    public boolean holds(Strip strip) { return cameras.contains(strip); }

    /** What the evidence exporter is asked for (the recordings only; the segment files stay home). */
    public RangeRequest request() {
        return new RangeRequest(cameras.stream().map(Strip::cameraId).toList(), from, to, false);
    }

    /** The cameras' names by id, in order. */
    public Map<Long, String> names() {
        Map<Long, String> names = new LinkedHashMap<>();
        cameras.forEach(s -> names.put(s.cameraId(), s.name()));
        return names;
    }

    /** {@code Gate, Yard}. */
    public String cameraNames() {
        return cameras.stream().map(Strip::name).collect(Collectors.joining(", "));
    }

    /**
     * {@code 23:59:45 – 00:00:15 (30 s)}: times of day, with the date of both ends when the range is not all on the
     * day of {@code today} (a range across midnight, or on another day).
     */
    public String times(ZoneId zone, LocalDate today) {
        boolean plain = from.atZone(zone).toLocalDate().equals(today) && to.atZone(zone).toLocalDate().equals(today);
        DateTimeFormatter f = plain ? TIME : DAY_TIME;
        return f.format(from.atZone(zone)) + " – " + f.format(to.atZone(zone)) + " (" + length(length()) + ")";
    }

    /** {@code 23:59:45 – 00:00:15 · 30 s}: times of day only, for the band drawn on the timeline. */
    public String shortTimes(ZoneId zone) {
        return TIME.format(from.atZone(zone)) + " – " + TIME.format(to.atZone(zone)) + " · " + length(length());
    }

    /** The start as {@link #times} writes it. */
    public String start(ZoneId zone, LocalDate today) {
        return (from.atZone(zone).toLocalDate().equals(today) ? TIME : DAY_TIME).format(from.atZone(zone));
    }

    /** {@code 1 h 5 min 3 s}, {@code 30 s}, {@code 0.4 s}. */
    static String length(Duration d) {
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        if (h > 0) {
            return h + " h " + m + " min" + (s > 0 ? " " + s + " s" : "");
        }
        if (m > 0) {
            return m + " min" + (s > 0 ? " " + s + " s" : "");
        }
        if (s == 0) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        return s + " s";
    }
}
