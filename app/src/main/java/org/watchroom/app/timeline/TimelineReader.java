package org.watchroom.app.timeline;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraCatalog;
import org.watchroom.core.store.GapIndex;
import org.watchroom.core.store.HourlyDetections;
import org.watchroom.core.store.SegmentLookup;
import org.watchroom.core.store.TimelineIndex;
import org.watchroom.core.store.TimelineWindow;

/**
 * What the timeline reads from the store for a window of time, off the FX thread: the events overlapping it (at most
 * {@link TimelineViewModel#LIMIT}), the detections per hour of a day, the configured cameras and, when asked, each
 * camera's footage and gaps.
 *
 * <p>Thread-safety: safe from any thread (it keeps nothing but the stores, which are).
 */
final class TimelineReader {
    private final CameraCatalog cameras;
    private final TimelineIndex timeline;
    private final SegmentLookup segments;
    private final GapIndex gaps;
    private final Clock clock;

    /** One read: the window [{@code from}, {@code to}), the day of {@code hourly}, and what was read. */
    record Loaded(Instant from, Instant to, LocalDate day, TimelineWindow window, HourlyDetections hourly,
                  List<Camera> cameras, Map<Long, Coverage> coverage) {
    }

    TimelineReader(CameraCatalog cameras, TimelineIndex timeline, SegmentLookup segments, GapIndex gaps, Clock clock) {
        this.cameras = cameras;
        this.timeline = timeline;
        this.segments = segments;
        this.gaps = gaps;
        this.clock = clock;
    }

    /** The segments (a selected range is checked against them before an export). */
    SegmentLookup segments() { return segments; }

    /**
     * Reads the window and {@code day}'s hours in {@code zone}; with {@code withRecordings} each configured camera's
     * footage and gaps too, else {@code known} is kept.
     */
    Loaded read(Instant from, Instant to, LocalDate day, ZoneId zone, boolean withRecordings, Map<Long, Coverage> known) {
        List<Camera> list = cameras.list();
        return new Loaded(from, to, day, timeline.overlapping(from, to, TimelineViewModel.LIMIT), timeline.hourly(day, zone),
                list, withRecordings ? coverage(list, from, to) : known);
    }

    /** Each configured camera's footage and gaps in [{@code from}, {@code to}). */
    private Map<Long, Coverage> coverage(List<Camera> list, Instant from, Instant to) {
        Map<Long, Coverage> read = new HashMap<>();
        Instant now = clock.instant();
        for (Camera c : list) {
            var found = segments.list(c.id(), from, to);
            var holes = gaps.list(c.id(), from, to);
            if (!found.isEmpty() || !holes.isEmpty()) {
                read.put(c.id(), Coverage.of(c.id(), found, holes, now));
            }
        }
        return Map.copyOf(read);
    }
}
