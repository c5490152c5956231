package org.watchroom.app.review;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.LongFunction;
import org.watchroom.core.playback.Recordings;
import org.watchroom.core.record.RecordSettings;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventCatalog;
import org.watchroom.core.store.EventDetails;
import org.watchroom.core.store.FrameSize;
import org.watchroom.core.store.StoredDetection;

/**
 * Which footage an event plays: its own range of its camera's recording when the recording holds its start
 * (pre-roll … post-roll), else the clip file that covers its peak. Reads the store, so it runs off the FX thread.
 *
 * <p>Thread-safety: stateless apart from the stores it reads, which are thread-safe.
 */
final class EventFootage {
    private final EventCatalog events;
    private final LongFunction<Recordings> recordings;

    /** What one load reads; {@code range} null: no recording covers the event. */
    record Loaded(EventDetails details, FrameSize frame, ReviewViewModel.Range range) { }

    /** @param recordings a camera's recording by camera id; null: clip files only */
    EventFootage(EventCatalog events, LongFunction<Recordings> recordings) {
        this.events = events;
        this.recordings = recordings;
    }

    /** The event with its detections, clips and footage; null when it is gone. */
    Loaded fetch(long id) {
        Optional<EventDetails> found = events.details(id);
        return found.map(d -> new Loaded(d, events.frameSize(id).orElse(new FrameSize(1, 1)), recorded(d.event())))
                .orElse(null);
    }

    /** The event's range when its camera's recording holds its start, else null. */
    private ReviewViewModel.Range recorded(Event e) {
        if (recordings == null || e.cameraId() == null) {
            return null;
        }
        RecordSettings roll = RecordSettings.defaults();
        Instant from = e.startedAt().minus(roll.preRoll());
        Instant to = e.endedAt() == null ? null : e.endedAt().plus(roll.postRoll());
        boolean holds = recordings.apply(e.cameraId()).after(e.startedAt(), 1).stream()
                .anyMatch(s -> !s.startedAt().isAfter(e.startedAt()) || to == null || s.startedAt().isBefore(to));
        return holds ? new ReviewViewModel.Range(e.cameraId(), from, to) : null;
    }

    /** The clip holding the best detection (the latest clip started before it), else the first; null: none. */
    static Clip clipForPeak(EventDetails d) {
        if (d.clips().isEmpty()) {
            return null;
        }
        Instant peak = d.detections().stream().max(Comparator.comparingDouble(StoredDetection::score))
                .map(StoredDetection::ts).orElse(d.event().startedAt());
        Clip best = d.clips().getFirst();
        for (Clip c : d.clips()) {
            if (!c.startedAt().isAfter(peak)) {
                best = c;
            }
        }
        return best;
    }
}
