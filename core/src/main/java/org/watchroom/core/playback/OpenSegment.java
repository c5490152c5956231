package org.watchroom.core.playback;

import static org.watchroom.core.playback.RecordingReader.micros;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.store.Segment;

/**
 * An open segment of a recording: its reader, and the wall time (micros) of clip time 0.
 *
 * <p>Thread-safety: not thread-safe (its {@link ClipReader} is not); used by one thread at a time, handed from the
 * opening-ahead thread to the player thread through a {@code Future}.
 */
record OpenSegment(Segment segment, ClipReader reader, long base) {
    // the RecordingReader log, as before the split
    private static final Logger LOG = LoggerFactory.getLogger(RecordingReader.class);

    /** {@code segment} opened, or null (logged) when its file is missing or does not decode. */
    static OpenSegment open(Segment segment) {
        try {
            ClipReader reader = ClipReader.open(Path.of(segment.path()));
            return new OpenSegment(segment, reader, micros(segment.startedAt()) + reader.startOffsetMicros());
        } catch (RuntimeException e) { // ClipException: missing or damaged; anything else: a bug, with its trace
            LOG.warn("Segment {} of {} cannot be played, skipped", segment.id(), segment.cameraName(), e);
            return null;
        }
    }

    /** Wall time of the frame in hand. */
    long wall() {
        return base + reader.positionMicros();
    }

    /** Whether the moment lies within this segment's frames (not before its first frame). */
    boolean holds(long micros) {
        return micros >= base && (segment.endedAt() == null || micros < micros(segment.endedAt()));
    }

    void close() {
        reader.close();
    }
}
