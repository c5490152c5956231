package org.watchroom.core.engine;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.record.RecordSettings;
import org.watchroom.core.record.RecordingPolicy;
import org.watchroom.core.settings.ArchiveFolder;
import org.watchroom.core.settings.Settings;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Database;
import org.watchroom.core.store.SegmentRetention;

/**
 * Runs the continuous recording's retention ({@link SegmentRetention}) on the engine's event writer, so that
 * deletions never race the rows of segments being written: every {@code recordingRetentionEvery} a full pass (each
 * camera's keep days and keep size, from its policy or {@code recording.keep_days}, then the reserve), and every
 * second a look at the free space that queues a pass at once when it is under the reserve.
 *
 * <p>The reserve is the setting {@code recording.reserve} on the recordings' disk, but at least twice the
 * {@code DiskGuard}'s pause threshold: footage is deleted well before recording would have to pause. Only segments
 * on that disk count for it: those moved to an archive folder on another disk ({@code recording.archive_dir}) are
 * left to their camera's age and size limits. Segments in an archive folder that cannot be reached now keep their
 * rows until it can. Footage
 * around a held event is kept (the event's range widened by the clips' pre- and post-roll).
 *
 * <p>Thread-safety: {@link #tick} on the engine's ticker; passes run on the event writer thread, one at a time.
 */
final class RecordingRetention {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingRetention.class);

    private final SegmentRetention retention;
    private final CameraStore cameras;
    private final Settings settings;
    private final EventWriter writer;
    private final Path recordings;
    private final long minFreeBytes;
    private final Duration margin;
    private final EventBus bus;
    private final AtomicBoolean queued = new AtomicBoolean();
    @GuardedBy("this")
    private long reserveReadAt; // ticker thread (and the writer, once a pass): the setting, re-read twice a minute
    @GuardedBy("this")
    private long reserveSetting = -1;

    RecordingRetention(Database database, EventWriter writer, Path recordings, long minFreeBytes, RecordSettings clips,
                       EventBus bus) {
        this.retention = new SegmentRetention(database);
        this.cameras = new CameraStore(database);
        this.settings = new Settings(database);
        this.writer = writer;
        this.recordings = recordings;
        this.minFreeBytes = minFreeBytes;
        this.margin = clips.preRoll().compareTo(clips.postRoll()) > 0 ? clips.preRoll() : clips.postRoll();
        this.bus = bus;
    }

    /** Ticker: {@code full} runs every camera's limits; otherwise only when the reserve is not met. */
    void tick(boolean full) {
        try {
            if (queued.get()) {
                return;
            }
            if (!full && free() >= reserveBytes()) {
                return;
            }
            queued.set(true);
            if (!writer.submit(EventWriter.Kind.MAINTENANCE, () -> {
                try {
                    run();
                } finally {
                    queued.set(false);
                }
            })) {
                queued.set(false);
            }
        } catch (RuntimeException e) {
            LOG.warn("Recording retention could not be queued", e);
        }
    }

    private void run() {
        Map<Long, SegmentRetention.Limit> limits = new HashMap<>();
        int defaultDays = settings.recordingKeepDays();
        for (Camera camera : cameras.list()) {
            RecordingPolicy policy;
            try {
                policy = RecordingPolicy.parse(camera.recording());
            } catch (IllegalArgumentException e) {
                continue; // its footage follows the installation's keep days
            }
            limits.put(camera.id(), new SegmentRetention.Limit(policy.keepDays() == null ? defaultDays
                    : policy.keepDays(), policy.keepBytes()));
        }
        long reserve = reserveBytes();
        Optional<ArchiveFolder> archive = settings.recordingArchive();
        // an archive that is not mounted: its segments keep their rows rather than being taken for deleted files
        boolean archiveDown = archive.isPresent() && archive.get().problem().isPresent();
        Predicate<Path> reachable = file -> !archiveDown || !archive.get().holds(file.toString());
        SegmentRetention.Summary summary = retention.run(limits, defaultDays,
                new SegmentRetention.Reserve(reserve, this::free, freedBy(archive)), margin, Instant.now(), reachable);
        if (summary.deleted() > 0 || !summary.failures().isEmpty()) {
            LOG.info("Recording retention: {}", summary);
            summary.cameras().forEach(id -> bus.publish(new WatchroomEvent.RecordingChanged(id)));
        }
        if (!summary.reserveMet()) {
            LOG.warn("Recording retention: only {} MB free, under the reserve of {} MB, and what is left is held or "
                    + "being written; recording pauses below {} MB", free() >> 20, reserve >> 20, minFreeBytes >> 20);
        }
    }

    /**
     * The folders whose segments free space on the recordings' disk: the recordings folder, and the archive folder
     * only when it is on that same disk. Deleting archived footage on another disk would free nothing here.
     */
    private List<Path> freedBy(Optional<ArchiveFolder> archive) {
        if (archive.isPresent() && archive.get().problem().isEmpty()) {
            try {
                if (Files.getFileStore(archive.get().dir()).equals(Files.getFileStore(recordings))) {
                    return List.of(recordings, archive.get().recordings());
                }
            } catch (IOException e) {
                LOG.debug("Cannot tell the archive's disk", e);
            }
        }
        return List.of(recordings);
    }

    /** The reserve on the recordings' disk: the setting, at least twice the pause threshold. */
    private synchronized long reserveBytes() {
        long now = System.nanoTime();
        if (reserveSetting < 0 || now - reserveReadAt > 30_000_000_000L) {
            try {
                Files.createDirectories(recordings);
                long total = Files.getFileStore(recordings).getTotalSpace();
                reserveSetting = settings.recordingReserve().bytesOn(total);
                reserveReadAt = now;
            } catch (IOException | RuntimeException e) { // the database or the disk failing: the last value holds
                LOG.debug("Cannot read the recording reserve", e);
                if (reserveSetting < 0) {
                    return 2 * minFreeBytes;
                }
            }
        }
        return Math.max(reserveSetting, 2 * minFreeBytes);
    }

    private long free() {
        try {
            Files.createDirectories(recordings);
            return Files.getFileStore(recordings).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // cannot tell: never delete footage on a guess
        }
    }
}
