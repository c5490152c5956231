package org.watchroom.core.playback;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.watchroom.core.settings.ArchiveFolder;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.settings.SettingsAccess;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.GapIndex;
import org.watchroom.core.store.GapStore;
import org.watchroom.core.store.RecordingGap;
import org.watchroom.core.store.Segment;
import org.watchroom.core.store.SegmentLookup;
import org.watchroom.core.store.SegmentStore;

/**
 * One camera's recorded segments as a {@link RecordingReader} walks them: what holds or follows a moment, what
 * precedes it, and why a moment has no footage.
 *
 * <p>Thread-safety: implementations are safe from any thread (the reader asks from its player thread and from
 * the thread that opens the next segment ahead of time).
 */
public interface Recordings {

    /** Segments that hold {@code at} or start after it, oldest first, at most {@code limit}. */
    List<Segment> after(Instant at, int limit);

    /** Segments that start before {@code at}, newest first, at most {@code limit}. */
    List<Segment> before(Instant at, int limit);

    /** The stored gap that holds {@code at}, if any: why there is no footage then. */
    default Optional<RecordingGap> gapAt(Instant at) {
        return Optional.empty();
    }

    /**
     * Why {@code segment}'s file cannot be read, in words, once opening it failed: "the file is gone" unless more is
     * known (its archive folder cannot be reached).
     */
    default String whyUnreadable(Segment segment) {
        return Files.isRegularFile(Path.of(segment.path())) ? "the file cannot be decoded"
                : "the file is gone";
    }

    /** Camera {@code cameraId}'s recording in {@code database} (a data folder's, or an opened archive's copy). */
    static Recordings stored(Database database, long cameraId) {
        return stored(new SegmentStore(database), new GapStore(database), new Settings(database), cameraId);
    }

    /**
     * Camera {@code cameraId}'s recording as the engine's ports index it (in this process or another); the files
     * themselves are read directly, on the same machine.
     */
    static Recordings stored(SegmentLookup segments, GapIndex gaps, SettingsAccess settings, long cameraId) {
        return new Recordings() {
            @Override
            public String whyUnreadable(Segment segment) {
                if (Files.isRegularFile(Path.of(segment.path()))) {
                    return "the file cannot be decoded";
                }
                Optional<ArchiveFolder> archive;
                try {
                    archive = settings.recordingArchive();
                } catch (RuntimeException e) { // the database failing: the simpler reason
                    archive = Optional.empty();
                }
                return ArchiveFolder.whyMissing(segment.path(), archive);
            }

            @Override
            public List<Segment> after(Instant at, int limit) {
                return segments.after(cameraId, at, limit);
            }

            @Override
            public List<Segment> before(Instant at, int limit) {
                return segments.before(cameraId, at, limit);
            }

            @Override
            public Optional<RecordingGap> gapAt(Instant at) {
                return gaps.list(cameraId, at, at.plusMillis(1)).stream().findFirst();
            }
        };
    }
}
