package org.watchroom.core.record;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.watchroom.core.store.Clip;
import org.watchroom.core.store.ClipStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentStore;

/**
 * Where an event's footage is. On a camera recorded continuously (or on motion) it is the event's own range of the
 * recording: pre-roll before it started … post-roll after it ended, cut from the segments when someone asks for it,
 * so an event never drags another event's seconds along. On a camera recorded in {@code events} mode it is the clip
 * files the recorder wrote for it. The recording wins whenever segments hold any of the range, whatever the camera's
 * mode is today: a camera switched to events mode keeps its recorded past.
 *
 * <p>Thread-safety: immutable values; {@link #of} reads the database (blocking I/O).
 */
public sealed interface EventFootage {

    /**
     * The event's own range of its camera's recording.
     *
     * @param complete false while the event, its post-roll or the segment holding its end is still being recorded
     */
    record Recording(long cameraId, Instant from, Instant to, List<Segment> segments, boolean complete)
            implements EventFootage {
        public Recording {
            segments = List.copyOf(segments);
        }

        public Duration length() {
            return Duration.between(from, to);
        }
    }

    /** Clip files recorded for the event (events mode, or before recordings existed); may be empty. */
    record Clips(List<Clip> clips) implements EventFootage {
        public Clips {
            clips = List.copyOf(clips);
        }
    }

    /**
     * The range an event's footage covers: {@code preRoll} before it started to {@code postRoll} after it ended
     * ({@code now} while it goes on).
     */
    static Instant[] range(Event event, RecordSettings settings, Instant now) {
        Instant end = event.endedAt() != null ? event.endedAt() : now;
        if (end.isBefore(event.startedAt())) {
            end = event.startedAt();
        }
        return new Instant[] {event.startedAt().minus(settings.preRoll()), end.plus(settings.postRoll())};
    }

    /** The footage of {@code event}, with the engine's pre- and post-roll ({@code settings}). */
    static EventFootage of(Database database, Event event, RecordSettings settings, Instant now) {
        if (event.cameraId() != null) {
            Instant[] range = range(event, settings, now);
            List<Segment> segments = new SegmentStore(database).list(event.cameraId(), range[0], range[1]);
            if (!segments.isEmpty()) {
                // final once the event and its post-roll are over and the segment holding its end is closed
                boolean complete = event.endedAt() != null && !range[1].isAfter(now) && !segments.getLast().open();
                return new Recording(event.cameraId(), range[0], range[1], segments, complete);
            }
        }
        return new Clips(new ClipStore(database).forEvent(event.id()));
    }
}
