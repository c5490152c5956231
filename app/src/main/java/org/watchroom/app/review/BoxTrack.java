package org.watchroom.app.review;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.FrameSize;
import org.watchroom.core.store.StoredDetection;

/**
 * An event's stored detections placed on one clip's time line: grouped by the timestamp they were found at,
 * each group a {@link DetectionResult} in detector-frame pixels so the live wall's overlay can draw it. A group
 * stays on screen until the next one or for {@link #HOLD_MICROS} (detection runs slower than the video).
 *
 * <p>Thread-safety: immutable once built.
 */
public final class BoxTrack {
    static final long HOLD_MICROS = 700_000;
    private final long[] times;
    private final DetectionResult[] results;
    private final long peakMicros;
    private final List<ScorePoint> scores;

    /** One point of the score chart: seconds from the clip's start, best score at that moment. */
    public record ScorePoint(double seconds, double score) { }

    private BoxTrack(long[] times, DetectionResult[] results, long peakMicros, List<ScorePoint> scores) {
        this.times = times;
        this.results = results;
        this.peakMicros = peakMicros;
        this.scores = List.copyOf(scores);
    }

    /** Places {@code detections} (oldest first) on a clip that starts at {@code clipStart}. */
    public static BoxTrack of(Event event, List<StoredDetection> detections, Instant clipStart, FrameSize frame) {
        List<Long> times = new ArrayList<>();
        List<DetectionResult> results = new ArrayList<>();
        List<ScorePoint> scores = new ArrayList<>();
        StoredDetection peak = null;
        int i = 0;
        while (i < detections.size()) {
            Instant at = detections.get(i).ts();
            List<Detection> group = new ArrayList<>();
            float best = 0;
            for (; i < detections.size() && detections.get(i).ts().equals(at); i++) {
                StoredDetection d = detections.get(i);
                group.add(new Detection(d.label(), -1, d.score(), d.box(), d.landmarks()));
                best = Math.max(best, d.score());
                if (peak == null || d.score() > peak.score()) {
                    peak = d;
                }
            }
            long micros = micros(clipStart, at);
            times.add(micros);
            results.add(new DetectionResult(event.cameraId() == null ? -1 : event.cameraId(), event.cameraName(),
                    times.size(), at, frame.width(), frame.height(), group, List.of()));
            scores.add(new ScorePoint(micros / 1e6, best));
        }
        long peakMicros = micros(clipStart, peak != null ? peak.ts() : event.startedAt());
        return new BoxTrack(times.stream().mapToLong(Long::longValue).toArray(),
                results.toArray(DetectionResult[]::new), Math.max(0, peakMicros), scores);
    }

    private static long micros(Instant clipStart, Instant at) {
        return Duration.between(clipStart, at).toNanos() / 1000;
    }

    /** The boxes on screen at clip time {@code micros}, or null; the same object while that stays so (no allocation). */
    public DetectionResult at(long micros, long frameMicros) {
        int lo = 0;
        int hi = times.length - 1;
        int found = -1;
        long until = micros + frameMicros / 2; // a detection belongs to the frame nearest to it
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= until) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 && micros - times[found] <= HOLD_MICROS ? results[found] : null;
    }

    /** Clip time of the detection with the highest score (the event's start when there are none). */
    public long peakMicros() { return peakMicros; }

    public List<ScorePoint> scores() { return scores; }

    /** How many detection moments there are. */
    public int size() { return times.length; }
}
