package org.watchroom.core.engine;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.record.DiskGuard;

/**
 * Looks at the storage once a second — the event writer (can the database write?) and the disk guards (is there room
 * for clips, and for the continuous recording?) — so that a paused recorder or a failing database is known at once, also headless and while no event
 * starts: each change is logged and published as a {@link WatchroomEvent.StorageAlert} (the live feed and the
 * status bar show it). Least urgent, the archive mover's alert: old segments cannot be moved to the archive folder
 * (they stay on the recordings' disk meanwhile).
 *
 * <p>Thread-safety: {@link #tick} on the engine's ticker thread; {@link #alert} and {@link #status} from any thread.
 */
final class StorageMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(StorageMonitor.class);

    private final EventWriter writer;
    private final DiskGuard disk;
    private final DiskGuard recordings;
    private final EventBus bus;
    private final Supplier<Optional<String>> archive;
    private String lastAlert; // ticker thread
    private String lastPause; // ticker thread

    /** @param archive the archive mover's alert (moving old segments to the archive folder fails), if any */
    StorageMonitor(EventWriter writer, DiskGuard disk, DiskGuard recordings, EventBus bus,
                   Supplier<Optional<String>> archive) {
        this.archive = archive;
        this.writer = writer;
        this.disk = disk;
        this.recordings = recordings;
        this.bus = bus;
    }

    void tick() {
        try {
            disk.mayRecord(); // looks again even when no event asks
            recordings.mayRecord();
            String pause = pause().orElse(null);
            if (!Objects.equals(pause, lastPause)) {
                if (pause != null && lastPause == null) {
                    LOG.warn("{}", pause);
                } else if (pause == null) {
                    LOG.info("Recording resumed: there is enough free space again.");
                }
                lastPause = pause;
            }
            String alert = alert().orElse(null);
            if (!Objects.equals(alert, lastAlert)) {
                lastAlert = alert;
                bus.publish(new WatchroomEvent.StorageAlert(status().state(), alert));
            }
        } catch (RuntimeException e) {
            LOG.warn("Storage check failed", e);
        }
    }

    Optional<String> alert() {
        EventWriter.Status writes = writer.status();
        if (writes.failing()) {
            return Optional.of("Storage failing since " + LocalTime.ofInstant(writes.since(),
                    ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS) + ": " + writes.problem() + ". "
                    + writes.pending() + " event writes wait in memory and are stored when it works again.");
        }
        return pause().or(archive); // the archive failing is the least urgent: nothing is lost while it waits
    }

    /** Why clips or segments are not recorded, if they are not. */
    private Optional<String> pause() {
        return disk.alert().or(recordings::alert);
    }

    StorageStatus status() {
        EventWriter.Status writes = writer.status();
        return new StorageStatus(writes.problem(), writes.since(), writes.pending(), writes.refused(),
                pause().orElse(null), disk.freeBytes());
    }
}
