package org.watchroom.app.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.Segment;

/**
 * One camera's recording in the loaded window, as the timeline draws it under the event marks: runs of footage
 * (segments that join, merged so that a day of one-minute segments is a few rectangles) and the stored gaps, each
 * with its reason. Colours are RGB hex so that layout and tests need no JavaFX.
 *
 * <p>Thread-safety: immutable.
 *
 * @param cameraId the camera
 * @param runs     footage, oldest first
 * @param gaps     holes and why, oldest first (an open gap runs to now)
 */
public record Coverage(long cameraId, List<Run> runs, List<RecordingGap> gaps) {
    /** Segments closer than this are drawn as one run (keyframe cuts leave nothing between them). */
    static final Duration JOIN = Duration.ofSeconds(2);
    public static final String FOOTAGE_COLOUR = "#2dd4bf";

    /** Footage from {@code from} to {@code to}; {@code open}: still being written (runs to now). */
    public record Run(Instant from, Instant to, boolean open) { }

    public Coverage {
        runs = List.copyOf(runs);
        gaps = List.copyOf(gaps);
    }

    /** Joins {@code segments} (oldest first) into runs; a segment still being written ends at {@code now}. */
    public static Coverage of(long cameraId, List<Segment> segments, List<RecordingGap> gaps, Instant now) {
        List<Run> runs = new ArrayList<>();
        Instant from = null;
        Instant to = null;
        boolean open = false;
        for (Segment s : segments) {
            Instant end = s.endedAt() != null ? s.endedAt() : now.isAfter(s.startedAt()) ? now : s.startedAt();
            if (from != null && !s.startedAt().isAfter(to.plus(JOIN))) {
                to = end.isAfter(to) ? end : to;
                open |= s.open();
                continue;
            }
            if (from != null) {
                runs.add(new Run(from, to, open));
            }
            from = s.startedAt();
            to = end;
            open = s.open();
        }
        if (from != null) {
            runs.add(new Run(from, to, open));
        }
        return new Coverage(cameraId, runs, gaps);
    }

    /** Whether footage holds {@code t}. */
    public boolean recorded(Instant t) {
        return runs.stream().anyMatch(r -> !t.isBefore(r.from()) && t.isBefore(r.to()));
    }

    /** The colour of a gap of {@code reason}. */
    public static String colour(RecordingGap.Reason reason) {
        return switch (reason) {
            case OFFLINE -> "#f85149";
            case PAUSED -> "#d29922";
            case ENGINE_DOWN -> "#8b949e";
            case DROPPED -> "#a371f7";
        };
    }

    /** The colour as {@code 0xRRGGBB}. */
    public static int rgb(String colour) {
        return Integer.parseInt(colour.substring(1), 16);
    }
}
