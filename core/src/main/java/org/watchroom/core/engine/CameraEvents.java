package org.watchroom.core.engine;

import java.nio.file.Path;
import java.time.Instant;
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
import org.watchroom.core.event.track.Tracked;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.frame.FrameSlot;
import org.watchroom.core.model.ModelIdentity;
import org.watchroom.core.record.DiskGuard;
import org.watchroom.core.record.Recorder;
import org.watchroom.core.store.FrameSize;

/**
 * One camera's path from detections to evidence, the detect-thread side: {@link EventRules} decide, this class makes
 * the snapshot (on the detect thread, while a frame is at hand) and the box, asks for a clip unless the
 * {@link DiskGuard} says the disk is full, and hands the rest to its {@link EventLedger}: the rows, written by the
 * engine's single event writer (so rows appear in order and the detect thread never waits on the disk), the
 * {@link Recorder}'s clips and the bus.
 *
 * <p>Thread-safety: {@link #accept}, {@link #tick} and {@link #simulate} may come from the detect thread, the
 * engine's ticker and callers; they are serialised on this object. Event-id bookkeeping lives on the writer thread,
 * in the {@link EventLedger}.
 */
final class CameraEvents implements Consumer<DetectionResult>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CameraEvents.class);

    private final String cameraName;
    private final EventRules rules;
    private final DiskGuard disk;
    private final FrameRing.Reader frames;
    private final EventLedger ledger;
    private final EventBus bus;
    // under this object's lock (detect thread, ticker): what each running event is about
    private final Map<UUID, Subject> running = new HashMap<>();

    /** The object an event follows: its track, or for a simulated event (no track) its label. */
    private record Subject(long trackId, String label) {
        boolean covers(Detection d) {
            return d.isOf(trackId, label);
        }
    }

    CameraEvents(long cameraId, String cameraName, EventRules rules, EventStores stores, FrameRing ring,
                 Path snapshots, EventBus bus, EventWriter writer, DiskGuard disk,
                 Function<String, Optional<ModelIdentity>> models) {
        this.cameraName = cameraName;
        this.rules = rules;
        this.disk = disk;
        this.frames = ring.newReader("snapshots");
        this.bus = bus;
        this.ledger = new EventLedger(cameraId, cameraName, stores, snapshots, bus, writer, models);
    }

    /** Events from now on get clips from {@code clips}. */
    void recordWith(Recorder clips) {
        ledger.recordWith(clips);
    }

    /** The recorder's callbacks: run under its lock on the ingest thread, so they only queue work. */
    Recorder.Listener clipListener() {
        return ledger.clipListener();
    }

    /**
     * Detect thread: one detector pass, tracked (each detection numbered by its object), published for the wall and
     * the feeds, then judged by the rules.
     */
    @Override
    public void accept(DetectionResult raw) {
        DetectionResult result = raw;
        try {
            result = judge(raw);
        } catch (RuntimeException e) {
            // one bad pass (a frame of no size, a bug) must not end the camera's detection; the wall still sees it
            LOG.warn("Camera '{}': a detector pass could not be tracked or judged", cameraName, e);
        }
        bus.publish(new WatchroomEvent.DetectionsReady(result)); // outside the lock: subscribers never hold it
    }

    /** Tracks and judges one pass under the lock; returns it with its objects' numbers. */
    private synchronized DetectionResult judge(DetectionResult raw) {
        Tracked tracked = rules.track(raw);
        DetectionResult result = tracked.result();
        handle(rules.accept(tracked), result);
        if (result.detections().stream().anyMatch(d -> running.values().stream().anyMatch(s -> s.covers(d)))) {
            ledger.detected(result);
        }
        return result;
    }

    /** Ticker: ends events whose objects are gone even when no detections arrive (camera offline). */
    synchronized void tick(Instant now) {
        handle(rules.tick(now), null);
        Recorder clips = ledger.recorder();
        if (clips != null) {
            clips.tick(now);
        }
    }

    /** "Simulate event" for installers and tests: an event of {@code label} starts now and ends by itself. */
    synchronized void simulate(String label) {
        handle(List.of(rules.simulate(label, 0.99f, Instant.now())), null);
    }

    /** Replaces the running rules (a suppression region was added or removed); running events carry on. */
    synchronized void setRules(EventRuleConfig config) {
        rules.setConfig(config);
    }

    private void handle(List<EventSignal> signals, DetectionResult result) {
        for (EventSignal signal : signals) {
            switch (signal) {
                case EventSignal.Started s -> started(s, result);
                case EventSignal.Updated u -> updated(u, result);
                case EventSignal.Ended e -> {
                    running.remove(e.eventKey());
                    ledger.ended(e);
                }
            }
        }
    }

    private void started(EventSignal.Started s, DetectionResult result) {
        Subject subject = new Subject(s.trackId(), s.label());
        running.put(s.eventKey(), subject);
        byte[] snapshot = snapshot(subject, result);
        Box box = toBox(s.box(), result);
        Recorder clips = ledger.recorder();
        boolean record = clips != null && disk.mayRecord();
        ledger.started(s, snapshot, box, frameSize(result), record ? clips : null);
    }

    private void updated(EventSignal.Updated u, DetectionResult result) {
        Subject subject = running.get(u.eventKey());
        if (subject != null && subject.trackId() == 0) {
            running.put(u.eventKey(), new Subject(0, u.label()));
        }
        // a new label alone keeps the peak's picture: only a higher score makes a new one
        byte[] snapshot = subject == null || !u.peakRose() ? null : snapshot(subject, result);
        ledger.updated(u, snapshot, toBox(u.peakBox(), result), frameSize(result));
    }

    /** JPEG of the newest frame with the event's object boxed, or null when no frame is at hand. */
    private byte[] snapshot(Subject subject, DetectionResult result) {
        FrameSlot slot = frames.acquireNewest();
        if (slot == null) {
            slot = frames.held();
        }
        if (slot == null) {
            return null;
        }
        List<Detection> boxes = result == null ? List.of()
                : result.detections().stream().filter(subject::covers).toList();
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

    private static Box toBox(Region region, DetectionResult result) {
        double w = result == null ? 1 : result.frameWidth();
        double h = result == null ? 1 : result.frameHeight();
        return new Box((float) (region.x() * w), (float) (region.y() * h), (float) (region.width() * w),
                (float) (region.height() * h));
    }

    /** Ends open events (camera stopped) and lets go of the frame. */
    @Override
    public synchronized void close() {
        handle(rules.endAll(Instant.now()), null);
        frames.close();
    }
}
