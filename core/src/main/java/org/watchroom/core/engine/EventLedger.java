package org.watchroom.core.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.detect.FaceCrop;
import org.watchroom.core.event.EventSignal;
import org.watchroom.core.model.ModelIdentity;
import org.watchroom.core.record.ClipInfo;
import org.watchroom.core.record.Recorder;
import org.watchroom.core.store.ClipClose;
import org.watchroom.core.store.FrameSize;
import org.watchroom.core.store.NewDetection;
import org.watchroom.core.store.NewEvent;

/**
 * The writer-thread side of one camera's events: the events and clips open now, their rows (events, detections,
 * clips and the links between them), the pictures those rows name, the recorder's clip bookkeeping and the bus.
 * {@link CameraEvents} decides on the detect thread and hands over what only it can make (snapshots, boxes); each
 * method here queues its work on the engine's single {@link EventWriter}, so rows appear in order and the detect
 * thread never waits on the disk.
 *
 * <p>Thread-safety: the methods may be called from any thread (the detect thread, the ticker, the recorder's
 * listener); they only queue steps. The steps run on the writer thread, which alone touches the bookkeeping maps.
 */
final class EventLedger {
    private static final Logger LOG = LoggerFactory.getLogger(CameraEvents.class); // the camera's event log, as before

    private final long cameraId;
    private final String cameraName;
    private final EventStores stores;
    private final Path snapshots;
    private final EventBus bus;
    private final EventWriter writer;
    private final Function<String, Optional<ModelIdentity>> models;
    private volatile Recorder recorder;
    // writer thread only
    private final Map<UUID, OpenEvent> open = new HashMap<>();
    private final Map<Path, Long> openClips = new HashMap<>();
    /** Events just ended at their maximum length, until the event that continues them is written. */
    private final Map<UUID, Long> continued = new HashMap<>();

    /** A running event as the writer knows it. */
    private record OpenEvent(long id, String label, Instant startedAt, String clipPath, long trackId) {
        OpenEvent withClip(String path) {
            return new OpenEvent(id, label, startedAt, path, trackId);
        }

        OpenEvent withLabel(String newLabel) {
            return new OpenEvent(id, newLabel, startedAt, clipPath, trackId);
        }

        /** Its object's detections; a simulated event (no object) keeps those of its label. */
        boolean follows(Detection d) {
            return d.isOf(trackId, label);
        }
    }

    /** What the steps of one event's start learn, for the steps after them (writer thread). */
    private static final class StartedRow {
        String snapshotPath;
        long id;
        String clipPath;
        Long clipId;
    }

    EventLedger(long cameraId, String cameraName, EventStores stores, Path snapshots, EventBus bus, EventWriter writer,
                Function<String, Optional<ModelIdentity>> models) {
        this.cameraId = cameraId;
        this.cameraName = cameraName;
        this.stores = stores;
        this.snapshots = snapshots;
        this.bus = bus;
        this.writer = writer;
        this.models = models;
    }

    /** Events from now on get clips from {@code clips}. */
    void recordWith(Recorder clips) {
        this.recorder = clips;
    }

    /** The recorder events get their clips from, or null while none. */
    Recorder recorder() {
        return recorder;
    }

    /**
     * An event started: its row (with the snapshot, when there is one), its clip when {@code clips} is given (the disk
     * allows recording), the link between them, then the bus.
     */
    void started(EventSignal.Started s, byte[] snapshot, Box box, FrameSize frameSize, Recorder clips) {
        StartedRow row = new StartedRow();
        queue(EventWriter.Kind.EVENT, () -> {
            if (row.snapshotPath == null && snapshot != null) { // a retried step keeps a picture written before
                row.snapshotPath = savePicture(snapshot, s.eventKey() + "-start.jpg");
            }
            // a simulated event was seen by no model
            ModelIdentity model = s.simulated() ? null : models.apply(s.label()).orElse(null);
            Long continues = s.continues() == null ? null : continued.get(s.continues());
            row.id = stores.events().create(new NewEvent(cameraId > 0 ? cameraId : null, cameraName, s.label(), s.at(),
                    s.firstScore(), box, row.snapshotPath, frameSize, model == null ? null : model.id(),
                    model == null ? null : model.version(), continues, s.trackId() == 0 ? null : s.trackId(),
                    s.zones())).id();
            if (s.continues() != null) {
                continued.remove(s.continues());
            }
        }, () -> {
            if (clips != null) {
                clips.startOrExtend(row.id, s.at());
                // joining a clip that is already open: link it now. A new clip links its events when its row is
                // written, including any event (like this one) that joined while that row was still queued
                row.clipPath = clips.currentClip().map(Path::toString).orElse(null);
                row.clipId = row.clipPath == null ? null : openClips.get(Path.of(row.clipPath));
            }
        }, () -> {
            if (row.clipId != null) {
                stores.clips().link(row.clipId, row.id);
            }
        }, () -> {
            open.put(s.eventKey(), new OpenEvent(row.id, s.label(), s.at(), row.clipPath, s.trackId()));
            bus.publish(new WatchroomEvent.EventStarted(row.id, cameraId, cameraName, s.label(), s.firstScore(), s.at(),
                    s.simulated(), s.trackId(), s.zones()));
        });
    }

    /** An event's peak rose: its row (with the peak's snapshot, when there is one), then the bus. */
    void updated(EventSignal.Updated u, byte[] snapshot, Box box, FrameSize frameSize) {
        queue(EventWriter.Kind.EVENT, () -> {
            OpenEvent event = open.get(u.eventKey());
            if (event == null) {
                return; // its start was refused, or it already ended
            }
            if (u.peakRose()) {
                String path = snapshot == null ? null : savePicture(snapshot, event.id() + "-peak.jpg");
                stores.events().updatePeak(event.id(), u.peakScore(), box, path, frameSize);
            }
            if (!u.label().equals(event.label())) {
                stores.events().relabel(event.id(), u.label());
            }
        }, () -> {
            OpenEvent event = open.get(u.eventKey());
            if (event != null) {
                open.put(u.eventKey(), event.withLabel(u.label()));
                bus.publish(new WatchroomEvent.EventUpdated(event.id(), cameraId, u.peakScore(), box, u.label()));
            }
        });
    }

    /** An event ended: its row, the recorder, then the bus. */
    void ended(EventSignal.Ended e) {
        queue(EventWriter.Kind.EVENT, () -> {
            OpenEvent event = open.get(e.eventKey());
            if (event != null) {
                stores.events().end(event.id(), e.at());
            }
        }, () -> {
            OpenEvent event = open.remove(e.eventKey());
            if (event == null) {
                return;
            }
            if (e.reason() == EventSignal.EndReason.MAX_LENGTH) {
                continued.put(e.eventKey(), event.id()); // the Started that continues it comes next
            }
            Recorder clips = recorder;
            if (clips != null) {
                clips.eventEnded(event.id(), e.at());
            }
            bus.publish(new WatchroomEvent.EventEnded(event.id(), cameraId, e.at(),
                    Duration.between(event.startedAt(), e.at()), event.clipPath()));
        });
    }

    /** A detector pass that found something a running event follows: its detection rows. */
    void detected(DetectionResult result) {
        queue(EventWriter.Kind.DETECTIONS, () -> storeDetections(result));
    }

    /** The recorder's callbacks: run under its lock on the ingest thread, so they only queue work. */
    Recorder.Listener clipListener() {
        return new Recorder.Listener() {
            @Override
            public void clipOpened(Path path, Instant startedAt, List<Long> eventIds) {
                queue(EventWriter.Kind.EVENT, () -> {
                    if (!openClips.containsKey(path)) {
                        openClips.put(path, stores.clips().open(cameraId > 0 ? cameraId : null, path, startedAt).id());
                    }
                }, () -> {
                    long clipId = openClips.get(path);
                    for (long eventId : eventIds) {
                        stores.clips().link(clipId, eventId); // MERGE: a retried step links nothing twice
                    }
                    // events that joined after the recorder opened the clip but before this row existed
                    open.values().stream().filter(e -> path.toString().equals(e.clipPath()) && !eventIds.contains(e.id()))
                            .forEach(e -> stores.clips().link(clipId, e.id()));
                }, () -> open.replaceAll((key, event) -> eventIds.contains(event.id())
                        ? event.withClip(path.toString()) : event));
            }

            @Override
            public void clipClosed(ClipInfo clip) {
                queue(EventWriter.Kind.EVENT, () -> {
                    Long clipId = openClips.get(clip.path());
                    if (clipId == null) {
                        return;
                    }
                    for (long eventId : clip.eventIds()) {
                        stores.clips().link(clipId, eventId);
                    }
                    stores.clips().close(clipId, new ClipClose(Instant.now(), clip.duration(), clip.bytes(),
                            clip.sha256(), clip.codec(), clip.streamCopied(), clip.streamCopied() ? null
                            : "re-encoded to H.264: the camera's codec cannot be stream-copied into MP4"));
                }, () -> {
                    Long clipId = openClips.remove(clip.path());
                    if (clipId != null) {
                        bus.publish(new WatchroomEvent.ClipClosed(clipId, cameraId, clip.path().toString(),
                                clip.duration(), clip.eventIds()));
                    }
                });
            }

            @Override
            public void clipFailed(Path path, String reason, List<Long> eventIds) {
                LOG.warn("Camera '{}': clip {} failed: {}", cameraName, path, reason);
            }
        };
    }

    /** Each running event keeps the detections of its own object; a face with the crop made for it. */
    private void storeDetections(DetectionResult result) {
        Instant at = result.capturedAt();
        for (OpenEvent event : open.values()) {
            List<NewDetection> rows = new ArrayList<>();
            for (Detection d : result.detections()) {
                if (event.follows(d)) {
                    rows.add(new NewDetection(at, d, saveFaceCrop(result, d, event.id(), at)));
                }
            }
            if (!rows.isEmpty()) {
                stores.detections().addAll(event.id(), rows);
            }
        }
    }

    /** The crop made for {@code detection} (found by identity: two faces may be equal), saved; null when none. */
    @SuppressWarnings("ReferenceEquality") // identity is the point: an equal face elsewhere is another face
    private String saveFaceCrop(DetectionResult result, Detection detection, long eventId, Instant at) {
        List<FaceCrop> crops = result.faceCrops();
        for (int i = 0; i < crops.size(); i++) {
            if (crops.get(i).face() == detection) {
                byte[] jpeg = crops.get(i).jpeg();
                return jpeg.length == 0 ? null
                        : savePicture(jpeg, eventId + "-face-" + at.toEpochMilli() + "-" + i + ".jpg");
            }
        }
        return null;
    }

    /** Writes a picture; null when it cannot (a full disk), leaving no partial file that no row would name. */
    private String savePicture(byte[] jpeg, String name) {
        Path file = snapshots.resolve(name);
        try {
            Files.createDirectories(snapshots);
            Files.write(file, jpeg);
            return file.toString();
        } catch (IOException e) {
            LOG.warn("Camera '{}': cannot save {}", cameraName, name, e);
            try {
                Files.deleteIfExists(file);
            } catch (IOException alsoFailing) {
                LOG.debug("Cannot remove the partial {}", file, alsoFailing);
            }
            return null;
        }
    }

    /**
     * Queues a database write (see {@link EventWriter}); one refused (the engine is stopping, or storage has failed
     * for long) is counted and logged there; start-up recovery closes what it leaves open.
     */
    private void queue(EventWriter.Kind kind, EventWriter.Step... steps) {
        writer.submit(kind, steps);
    }
}
