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
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.detect.DetectionResult;
import org.watchroom.core.detect.FrameSnapshots;
import org.watchroom.core.event.EventRuleConfig;
import org.watchroom.core.event.EventRules;
import org.watchroom.core.event.EventSignal;
import org.watchroom.core.event.Region;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.frame.FrameSlot;
import org.watchroom.core.model.ModelIdentity;
import org.watchroom.core.record.ClipInfo;
import org.watchroom.core.record.DiskGuard;
import org.watchroom.core.record.Recorder;
import org.watchroom.core.store.ClipClose;
import org.watchroom.core.store.FrameSize;
import org.watchroom.core.store.NewDetection;
import org.watchroom.core.store.NewEvent;

/**
 * One camera's path from detections to evidence: {@link EventRules} decide, this class makes the snapshot
 * (on the detect thread, while a frame is at hand), then hands every database write to the engine's single event
 * writer (so rows appear in order and the detect thread never waits on the disk), asks the {@link Recorder} for a
 * clip unless the {@link DiskGuard} says the disk is full, and publishes the lifecycle on the bus.
 *
 * <p>Thread-safety: {@link #accept}, {@link #tick} and {@link #simulate} may come from the detect thread, the
 * engine's ticker and callers; they are serialised on this object. Event-id bookkeeping lives on the writer thread.
 */
final class CameraEvents implements Consumer<DetectionResult>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraEvents.class);

    private final long cameraId;
    private final String cameraName;
    private final EventRules rules;
    private final EventStores stores;
    private final DiskGuard disk;
    private volatile Recorder recorder;
    private final FrameRing.Reader frames;
    private final Path snapshots;
    private final EventBus bus;
    private final EventWriter writer;
    private final Function<String, Optional<ModelIdentity>> models;
    // under this object's lock (detect thread, ticker): the label of each running event
    private final Map<UUID, String> labels = new HashMap<>();
    // writer thread only
    private final Map<UUID, OpenEvent> open = new HashMap<>();
    private final Map<Path, Long> openClips = new HashMap<>();
    /** Events just ended at their maximum length, until the event that continues them is written. */
    private final Map<UUID, Long> continued = new HashMap<>();

    /** A running event as the writer knows it. */
    private record OpenEvent(long id, String label, Instant startedAt, String clipPath) {
        OpenEvent withClip(String path) {
            return new OpenEvent(id, label, startedAt, path);
        }
    }

    CameraEvents(long cameraId, String cameraName, EventRules rules, EventStores stores, FrameRing ring,
                 Path snapshots, EventBus bus, EventWriter writer, DiskGuard disk,
                 Function<String, Optional<ModelIdentity>> models) {
        this.cameraId = cameraId;
        this.models = models;
        this.cameraName = cameraName;
        this.rules = rules;
        this.stores = stores;
        this.disk = disk;
        this.frames = ring.newReader("snapshots");
        this.snapshots = snapshots;
        this.bus = bus;
        this.writer = writer;
    }

    /** Events from now on get clips from {@code clips}. */
    void recordWith(Recorder clips) {
        this.recorder = clips;
    }

    /** Detect thread: one detector pass. */
    @Override
    public synchronized void accept(DetectionResult result) {
        handle(rules.accept(result), result);
        if (result.detections().stream().anyMatch(d -> labels.containsValue(d.label()))) {
            write(EventWriter.Kind.DETECTIONS, () -> storeDetections(result));
        }
    }

    /** Ticker: ends events whose objects are gone even when no detections arrive (camera offline). */
    synchronized void tick(Instant now) {
        handle(rules.tick(now), null);
        Recorder clips = recorder;
        if (clips != null) {
            clips.tick(now);
        }
    }

    /** "Simulate event" for installers and tests: an event of {@code label} starts now and ends by itself. */
    synchronized void simulate(String label) {
        handle(List.of(rules.simulate(label, 0.99f, Instant.now())), null);
    }

    private void handle(List<EventSignal> signals, DetectionResult result) {
        for (EventSignal signal : signals) {
            switch (signal) {
                case EventSignal.Started s -> started(s, result);
                case EventSignal.Updated u -> updated(u, result);
                case EventSignal.Ended e -> {
                    labels.remove(e.eventKey());
                    ended(e);
                }
            }
        }
    }

    /** What the steps of one event's start learn, for the steps after them (writer thread). */
    private static final class StartedRow {
        String snapshotPath;
        long id;
        String clipPath;
        Long clipId;
    }

    private void started(EventSignal.Started s, DetectionResult result) {
        labels.put(s.eventKey(), s.label());
        byte[] snapshot = snapshot(s.label(), result);
        Box box = toBox(s.box(), result);
        Recorder clips = recorder;
        boolean record = clips != null && disk.mayRecord();
        StartedRow row = new StartedRow();
        write(EventWriter.Kind.EVENT, () -> {
            if (row.snapshotPath == null && snapshot != null) { // a retried step keeps a picture written before
                row.snapshotPath = write(snapshot, s.eventKey() + "-start.jpg");
            }
            // a simulated event was seen by no model
            ModelIdentity model = s.simulated() ? null : models.apply(s.label()).orElse(null);
            Long continues = s.continues() == null ? null : continued.get(s.continues());
            row.id = stores.events().create(new NewEvent(cameraId > 0 ? cameraId : null, cameraName, s.label(), s.at(),
                    s.firstScore(), box, row.snapshotPath, frameSize(result), model == null ? null : model.id(),
                    model == null ? null : model.version(), continues)).id();
            if (s.continues() != null) {
                continued.remove(s.continues());
            }
        }, () -> {
            if (record) {
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
            open.put(s.eventKey(), new OpenEvent(row.id, s.label(), s.at(), row.clipPath));
            bus.publish(new WatchroomEvent.EventStarted(row.id, cameraId, cameraName, s.label(), s.firstScore(), s.at(),
                    s.simulated()));
        });
    }

    private void updated(EventSignal.Updated u, DetectionResult result) {
        String label = labels.get(u.eventKey());
        byte[] snapshot = label == null ? null : snapshot(label, result);
        Box box = toBox(u.peakBox(), result);
        write(EventWriter.Kind.EVENT, () -> {
            OpenEvent event = open.get(u.eventKey());
            if (event == null) {
                return; // its start was refused, or it already ended
            }
            String path = snapshot == null ? null : write(snapshot, event.id() + "-peak.jpg");
            stores.events().updatePeak(event.id(), u.peakScore(), box, path, frameSize(result));
        }, () -> {
            OpenEvent event = open.get(u.eventKey());
            if (event != null) {
                bus.publish(new WatchroomEvent.EventUpdated(event.id(), cameraId, u.peakScore(), box));
            }
        });
    }

    private void ended(EventSignal.Ended e) {
        write(EventWriter.Kind.EVENT, () -> {
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

    /** The recorder's callbacks: run under its lock on the ingest thread, so they only queue work. */
    Recorder.Listener clipListener() {
        return new Recorder.Listener() {
            @Override
            public void clipOpened(Path path, Instant startedAt, List<Long> eventIds) {
                write(EventWriter.Kind.EVENT, () -> {
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
                write(EventWriter.Kind.EVENT, () -> {
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

    /** Each running event keeps the detections of its own label; faces with their crop (same order as in the result). */
    private void storeDetections(DetectionResult result) {
        Instant at = result.capturedAt();
        List<Detection> faces = result.detections().stream().filter(d -> d.label().equals("face")).toList();
        for (OpenEvent event : open.values()) {
            List<NewDetection> rows = new ArrayList<>();
            for (Detection d : result.detections()) {
                if (!d.label().equals(event.label())) {
                    continue;
                }
                int face = faces.indexOf(d);
                byte[] jpeg = face >= 0 && face < result.faceCrops().size() ? result.faceCrops().get(face) : null;
                String crop = jpeg == null || jpeg.length == 0 ? null
                        : write(jpeg, event.id() + "-face-" + at.toEpochMilli() + "-" + face + ".jpg");
                rows.add(new NewDetection(at, d, crop));
            }
            if (!rows.isEmpty()) {
                stores.detections().addAll(event.id(), rows);
            }
        }
    }

    /** JPEG of the newest frame with this label's boxes, or null when no frame is at hand. */
    private byte[] snapshot(String label, DetectionResult result) {
        FrameSlot slot = frames.acquireNewest();
        if (slot == null) {
            slot = frames.held();
        }
        if (slot == null) {
            return null;
        }
        List<Detection> boxes = result == null ? List.of()
                : result.detections().stream().filter(d -> d.label().equals(label)).toList();
        try {
            return FrameSnapshots.jpegWithBoxes(slot.pixels(), slot.width(), slot.height(), slot.stride(), boxes,
                    result == null ? slot.width() : result.frameWidth(), result == null ? slot.height() : result.frameHeight());
        } catch (RuntimeException e) {
            LOG.warn("Camera '{}': no snapshot", cameraName, e);
            return null;
        }
    }

    /** The frame {@link #toBox} measures in: the detector's, or 1x1 (normalised) without a result. */
    private static FrameSize frameSize(DetectionResult result) {
        if (result == null) {
            return new FrameSize(1, 1);
        }
        return result.frameWidth() > 0 && result.frameHeight() > 0
                ? new FrameSize(result.frameWidth(), result.frameHeight()) : null;
    }

    /** Replaces the running rules (a suppression region was added or removed); running events carry on. */
    synchronized void setRules(EventRuleConfig config) {
        rules.setConfig(config);
    }

    private static Box toBox(Region region, DetectionResult result) {
        double w = result == null ? 1 : result.frameWidth();
        double h = result == null ? 1 : result.frameHeight();
        return new Box((float) (region.x() * w), (float) (region.y() * h), (float) (region.width() * w),
                (float) (region.height() * h));
    }

    /** Writes a picture; null when it cannot (a full disk), leaving no partial file that no row would name. */
    private String write(byte[] jpeg, String name) {
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
    private void write(EventWriter.Kind kind, EventWriter.Step... steps) {
        writer.submit(kind, steps);
    }

    /** Ends open events (camera stopped) and lets go of the frame. */
    @Override
    public synchronized void close() {
        handle(rules.endAll(Instant.now()), null);
        frames.close();
    }
}
