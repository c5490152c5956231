package org.watchroom.core.store;

import static org.watchroom.core.store.internal.Columns.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.watchroom.core.store.internal.Columns;

/**
 * Read-only queries for the timeline: the events overlapping a time window, and detections per hour per camera.
 *
 * <p>Thread-safety: safe from any thread; call it off the JavaFX thread (it does I/O).
 */
public final class EventTimeline implements TimelineIndex {
    /** The default and largest number of events one window returns. */
    public static final int MAX_LIMIT = 50_000;
    private static final long HOUR_SECONDS = 3600;

    private final Jdbi jdbi;

    public EventTimeline(Database database) {
        this.jdbi = database.jdbi();
    }

    /**
     * Events of all cameras that overlap {@code [from, to)}: started before {@code to} and not ended by
     * {@code from} (ongoing events always overlap once started). Ordered by start, then id; at most
     * {@code limit} (1..{@value #MAX_LIMIT}), {@link TimelineWindow#capped()} when there were more.
     */
    @Override
    public TimelineWindow overlapping(Instant from, Instant to, int limit) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("A timeline window needs a start before its end, not " + from + " to " + to + ".");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        // One row more than asked tells whether the cap cut anything off.
        List<TimelineEvent> rows = jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, camera_id, camera_name, label, started_at, ended_at, status, peak_score FROM events
                        WHERE started_at < :to AND (ended_at IS NULL OR ended_at > :from)
                        ORDER BY started_at, id LIMIT :limit""")
                .bind("from", time(from)).bind("to", time(to)).bind("limit", limit + 1)
                .mapTo(TimelineEvent.class)
                .list());
        boolean capped = rows.size() > limit;
        return new TimelineWindow(from, to, capped ? rows.subList(0, limit) : rows, limit, capped);
    }

    /**
     * Detections per local hour of {@code day} in {@code zone}, per camera of their event. Buckets start at the
     * day's local start and are one real hour long, so a spring-forward day has 23 and a fall-back day 25;
     * counting is done in SQL.
     */
    @Override
    public HourlyDetections hourly(LocalDate day, ZoneId zone) {
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<Instant> hourStarts = new ArrayList<>();
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(HOUR_SECONDS)) {
            hourStarts.add(t);
        }
        record Row(Long cameraId, String cameraName, int bucket, int count) {
        }
        List<Row> rows = jdbi.withHandle(h -> h.createQuery("""
                        SELECT e.camera_id, e.camera_name, DATEDIFF(SECOND, :start, d.ts) / 3600 AS bucket, COUNT(*) AS n
                        FROM detections d JOIN events e ON e.id = d.event_id
                        WHERE d.ts >= :start AND d.ts < :end
                        GROUP BY e.camera_id, e.camera_name, bucket""")
                .bind("start", time(start)).bind("end", time(end))
                .map((rs, ctx) -> new Row(Columns.nullableLong(rs, "camera_id"), rs.getString("camera_name"),
                        rs.getInt("bucket"), rs.getInt("n")))
                .list());
        // A camera renamed during the day has rows under both names; its id keeps them together.
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Row> firstSeen = new LinkedHashMap<>();
        for (Row r : rows) {
            String key = r.cameraId() != null ? "id:" + r.cameraId() : "name:" + r.cameraName();
            firstSeen.putIfAbsent(key, r);
            int bucket = Math.clamp(r.bucket(), 0, hourStarts.size() - 1);
            counts.computeIfAbsent(key, k -> new int[hourStarts.size()])[bucket] += r.count();
        }
        List<HourlyDetections.CameraHours> cameras = new ArrayList<>();
        counts.forEach((key, c) -> cameras.add(new HourlyDetections.CameraHours(firstSeen.get(key).cameraId(),
                firstSeen.get(key).cameraName(), Arrays.stream(c).boxed().toList())));
        cameras.sort(Comparator.comparing(HourlyDetections.CameraHours::cameraName, String.CASE_INSENSITIVE_ORDER));
        return new HourlyDetections(day, zone, hourStarts, cameras);
    }
}
