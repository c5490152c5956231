package org.watchroom.core.engine;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.camera.CameraSource;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.DetectConfig;
import org.watchroom.core.detect.DetectLoop;
import org.watchroom.core.detect.DetectStats;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.detect.MotionGate;
import org.watchroom.core.event.EventRuleConfig;
import org.watchroom.core.event.EventRules;
import org.watchroom.core.event.Polygon;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.frame.FrameSlot;
import org.watchroom.core.record.Recorder;
import org.watchroom.core.record.RecordingPolicy;
import org.watchroom.core.record.SegmentPaths;
import org.watchroom.core.record.SegmentRecorder;
import org.watchroom.core.record.SegmentSettings;
import org.watchroom.core.record.SegmentStats;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.RecordingGap;

/**
 * A running camera: its display source (the sub-stream when configured, else the main stream), its detect
 * loop on that source when detection is on, and, when a sub-stream exists, a main-stream source started only
 * while someone needs it (focus view, recording).
 *
 * <p>Recording follows the camera's {@link RecordingPolicy}: {@code continuous} and {@code motion} put a
 * {@link SegmentRecorder} on the main stream (the same connection; not decoded when a sub-stream feeds the wall),
 * {@code events} a {@link Recorder} (one clip file per event), {@code off} neither. Demo cameras (negative ids,
 * not in the database) are never recorded continuously: their segments would have no camera row to belong to.
 * Motion mode samples the display frames once a second with a {@link MotionGate} (the engine's ticker), whether or
 * not detection runs.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class LiveCamera implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCamera.class);
    /** Numbers the runs of cameras in this process. */
    private static final AtomicLong INSTANCES = new AtomicLong();

    /** As started; only its event rules are replaced in place ({@link #applyEventRules}). */
    private volatile Camera camera;
    private final CameraSource display;
    private final long instance;
    /** Where this camera's rings live (the display's, and the main stream's while watched). */
    private final DisplayRings rings;
    /** Viewers in other processes watching the main stream, and until when ({@code System.nanoTime()}). */
    @GuardedBy("this")
    private final Map<String, Long> mainLeases = new HashMap<>();
    /** Closed: no main stream starts any more (a lease renewed during a reload must not revive it). */
    @GuardedBy("this")
    private boolean closed;
    private final SourceOptions options;
    private final DetectionService detection;
    private final EventBus bus;
    private final EventContext events;
    @GuardedBy("this")
    private DetectLoop detectLoop;
    @GuardedBy("this")
    private CameraEvents cameraEvents;
    @GuardedBy("this")
    private Recorder recorder;
    @GuardedBy("this")
    private CameraSource recordedSource;
    @GuardedBy("this")
    private RecordingPolicy policy;
    // guarded by this; not annotated, as Error Prone takes segments::onSourceState for a read outside the lock
    private SegmentRecorder segments;
    @GuardedBy("this")
    private CameraSource segmentSource;
    @GuardedBy("this")
    private FrameRing.Reader motionFrames; // motion mode only
    @GuardedBy("this")
    private MotionGate motionGate;
    @GuardedBy("this")
    private CameraSource main;
    @GuardedBy("this")
    private int mainUsers;

    LiveCamera(Camera camera, SourceOptions options, EventBus bus, DetectionService detection, EventContext events) {
        this(camera, options, bus, detection, events, DisplayRings.LOCAL);
    }

    /** @param rings where the display source's frames live (shared with walls in other processes, or not) */
    LiveCamera(Camera camera, SourceOptions options, EventBus bus, DetectionService detection, EventContext events,
               DisplayRings rings) {
        this.rings = rings;
        this.camera = camera;
        this.events = events;
        this.detection = detection;
        this.bus = bus;
        this.options = options.withRtspTransport(camera.rtspTransport());
        this.display = new CameraSource(camera.name(), camera.displayUrl(), this.options,
                rings.ring(camera.id(), camera.name(), this.options));
        this.instance = INSTANCES.incrementAndGet();
        display.addStateListener(state -> bus.publish(
                new WatchroomEvent.CameraStateChanged(camera.id(), camera.name(), state)));
    }

    public Camera camera() { return camera; }

    /** Tells this run of the camera from an earlier one with the same id (a restart after an edit). */
    public long instance() { return instance; }

    /** The source tiles and detection read. */
    public CameraSource display() { return display; }

    boolean hasSubStream() { return camera.subUrl() != null; }

    /**
     * The full-resolution source, started on first use; pair with {@link #releaseMain()}. Without a
     * sub-stream this is the display source itself.
     */
    public synchronized CameraSource acquireMain() {
        if (!hasSubStream() || closed) {
            return display; // closed: the stopped display, nothing new started
        }
        if (main == null) {
            // Decoded only while someone watches it: a main stream kept open for recording costs no decode.
            SourceOptions mainOptions = options.withMaxSize(3840, 2160).withDecodeOnlyWhenWatched(true);
            main = new CameraSource(camera.name() + " (main)", camera.mainUrl(), mainOptions,
                    rings.ring(LiveTile.mainFramesName(camera.id()), camera.name() + " (main)", mainOptions));
            main.start();
        }
        mainUsers++;
        return main;
    }

    public synchronized void releaseMain() {
        if (main != null && --mainUsers <= 0) {
            main.stop();
            main.ring().close(); // a shared ring's file goes with it
            main = null;
            mainUsers = 0;
        }
    }

    /** Whether the main stream is separate from the display's and shared with other processes while watched. */
    boolean sharesMain() {
        return hasSubStream() && rings.shared();
    }

    /**
     * Starts or extends {@code viewer}'s watch of the main stream until {@code untilNanos}; false when this camera
     * has no separate, shared main stream.
     */
    synchronized boolean leaseMain(String viewer, long untilNanos) {
        if (!sharesMain() || closed) {
            return false; // a camera closed by a reload a moment ago: its successor takes the next renewal
        }
        if (mainLeases.put(viewer, untilNanos) == null) {
            acquireMain();
        }
        return true;
    }

    /** {@code viewer} stopped watching the main stream. */
    synchronized void endLease(String viewer) {
        if (mainLeases.remove(viewer) != null) {
            releaseMain();
        }
    }

    /**
     * Ends the watches nobody renewed in time (a workstation that went away while watching). Called by the engine's
     * ticker, which must not wait for a stream to stop: the stopping runs on a virtual thread of its own.
     */
    void expireLeases(long nowNanos) {
        List<String> expired;
        synchronized (this) {
            expired = mainLeases.entrySet().stream().filter(e -> nowNanos - e.getValue() > 0).map(Map.Entry::getKey)
                    .toList();
        }
        if (!expired.isEmpty()) {
            Thread.ofVirtual().name("main-lease-end").start(() -> expired.forEach(viewer -> endLeaseIfExpired(viewer,
                    nowNanos)));
        }
    }

    /** Ends {@code viewer}'s watch unless it was renewed since {@code nowNanos}. */
    private synchronized void endLeaseIfExpired(String viewer, long nowNanos) {
        Long until = mainLeases.get(viewer);
        if (until != null && nowNanos - until > 0) {
            mainLeases.remove(viewer);
            releaseMain();
        }
    }

    synchronized void start() {
        policy = recordingPolicy(camera);
        startRecording(); // listeners first: the first keyframe after connecting starts a segment
        startEvents();
        display.start();
        DetectConfig config;
        try {
            config = DetectConfig.parse(camera.detectSettings());
        } catch (IllegalArgumentException e) {
            LOG.warn("Camera '{}': {}; detection is off for it", camera.name(), e.getMessage(), e);
            return;
        }
        CameraEvents sink = cameraEvents;
        // with events on, the events path tracks each pass and publishes it with its objects' numbers
        detectLoop = detection.startLoop(camera.id(), camera.name(), display.ring(), config, sink != null ? sink
                : result -> bus.publish(new WatchroomEvent.DetectionsReady(result))).orElse(null);
        applyMotionMasks();
    }

    /** Event rules, and a recorder on the main stream (kept open, not decoded, when a sub-stream feeds the wall). */
    @GuardedBy("this")
    private void startEvents() {
        EventRuleConfig rules;
        try {
            rules = EventRuleConfig.parse(camera.eventRules());
        } catch (IllegalArgumentException e) {
            LOG.warn("Camera '{}': {}; events are off for it", camera.name(), e.getMessage(), e);
            return;
        }
        cameraEvents = new CameraEvents(camera.id(), camera.name(), new EventRules(camera.id(), rules,
                new StoredStationaryMemory(camera.id(), events.stores().stationary(), events.writer())), events.stores(),
                display.ring(), events.snapshots().resolve(fileName()), bus, events.writer(), events.disk(),
                detection::modelFor);
        boolean clips = switch (policy.mode()) {
            case EVENTS -> true;
            case CONTINUOUS, MOTION -> events.recording().clipsBesideSegments() || segments == null;
            case OFF -> false;
        };
        if (events.recording().enabled() && clips) {
            recordedSource = acquireMain();
            recorder = new Recorder(fileName(), events.clips().resolve(fileName()), events.recording().clips(),
                    Clock.systemUTC(), cameraEvents.clipListener(), events.disk()::mayRecord);
            recordedSource.addPacketListener(recorder);
            cameraEvents.recordWith(recorder);
        }
    }

    /** The camera's recording policy; a bad one (hand-edited) records event clips as before, and says so. */
    private static RecordingPolicy recordingPolicy(Camera camera) {
        try {
            return RecordingPolicy.parse(camera.recording());
        } catch (IllegalArgumentException e) {
            LOG.warn("Camera '{}': {}; it records event clips only", camera.name(), e.getMessage(), e);
            return RecordingPolicy.defaults().withMode(RecordingPolicy.Mode.EVENTS);
        }
    }

    /** Continuous or motion recording on the main stream, as the camera's policy says. */
    @GuardedBy("this")
    private void startRecording() {
        if (!events.recording().enabled() || !policy.segments()) {
            return;
        }
        if (camera.id() < 0) {
            LOG.info("Camera '{}' is a demo camera: it is not recorded continuously (add it as a camera to record it)",
                    camera.name());
            return;
        }
        SegmentSettings settings = SegmentSettings.of(policy);
        if (events.recording().segmentLength() != null) {
            settings = new SegmentSettings(events.recording().segmentLength(), settings.queuePackets(),
                    settings.queueBytes(), settings.maxDrift(), settings.motionOnly(), settings.preRoll(),
                    settings.postRoll());
        }
        settings = settings.withMotionRoll(events.recording().clips().preRoll(), events.recording().clips().postRoll());
        segmentSource = acquireMain();
        RecordingGap open = openGap();
        segments = new SegmentRecorder(camera.name(), events.recordings().resolve(
                SegmentPaths.cameraDir(camera.id(), camera.name())), settings, Clock.systemUTC(), events.recordingDisk(),
                new SegmentRows(camera.id(), camera.name(), events.writer(), events.segments(), events.gaps(), bus,
                        open == null ? null : open.id()), open == null ? null : open.reason());
        segmentSource.addPacketListener(segments);
        segmentSource.addStateListener(segments::onSourceState);
        if (settings.motionOnly()) {
            motionFrames = display.ring().newReader("motion");
            motionGate = MotionGate.defaults();
        }
    }

    /**
     * The camera's gap still open in the store (the engine was down): its recorder ends it where recording
     * resumes. Null when there is none or the store cannot say (then recovery's estimate stands).
     */
    private RecordingGap openGap() {
        try {
            return events.gaps().openGaps().stream().filter(g -> g.cameraId() == camera.id()).findFirst()
                    .orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("Camera '{}': cannot read its open recording gap", camera.name(), e);
            return null;
        }
    }

    /** Whether this camera records segments now (continuous or motion, not a demo camera). */
    synchronized boolean recordsSegments() {
        return segments != null;
    }

    /** The camera's recording mode as it runs (a bad stored policy runs as {@code events}). */
    public synchronized RecordingPolicy.Mode recordingMode() {
        return policy == null ? recordingPolicy(camera).mode() : policy.mode();
    }

    /** The continuous recording's counters, while this camera records segments. */
    public synchronized Optional<SegmentStats> recordingStats() {
        return Optional.ofNullable(segments).map(SegmentRecorder::stats);
    }

    /** Motion mode: samples the newest display frame (engine ticker, once a second). */
    @GuardedBy("this")
    private void sampleMotion(Instant now) {
        if (motionFrames == null || segments == null) {
            return;
        }
        FrameSlot slot = motionFrames.acquireNewest();
        if (slot == null) {
            return; // no new picture: nothing moved that we could see
        }
        try {
            if (motionGate.update(slot.pixels(), slot.width(), slot.height(), slot.stride())) {
                segments.motion(now);
            }
        } finally {
            motionFrames.release(); // never keep a slot pinned between samples
        }
    }

    /** Camera name made safe for file names, with the id to keep it unique (as its recordings' folder). */
    private String fileName() {
        return SegmentPaths.cameraDir(camera.id(), camera.name());
    }

    /**
     * Takes {@code updated}'s event rules without restarting the stream (running events carry on under them);
     * false when that cannot be done here (events were off, or the rules are bad) and the camera must restart.
     */
    synchronized boolean applyEventRules(Camera updated) {
        if (cameraEvents == null) {
            return false;
        }
        EventRuleConfig rules;
        try {
            rules = EventRuleConfig.parse(updated.eventRules());
        } catch (IllegalArgumentException e) {
            return false;
        }
        cameraEvents.setRules(rules);
        camera = camera.withEventRules(updated.eventRules());
        applyMotionMasks();
        return true;
    }

    /** The event rules' motion masks on the motion gates of detection and motion recording (bad rules mask nothing). */
    @GuardedBy("this")
    private void applyMotionMasks() {
        List<Polygon> masks;
        try {
            masks = EventRuleConfig.parse(camera.eventRules()).motionMasks();
        } catch (IllegalArgumentException e) {
            masks = List.of();
        }
        List<Polygon> drawn = masks;
        MotionGate.Mask mask = drawn.isEmpty() ? MotionGate.Mask.NONE
                : (x, y) -> drawn.stream().anyMatch(p -> p.contains(x, y));
        if (detectLoop != null) {
            detectLoop.setMotionMask(mask);
        }
        if (motionGate != null) {
            motionGate.setMask(mask); // motion-only recording ignores the same clock and trees
        }
    }

    /**
     * Ends events whose objects are gone, closes clips whose post-roll ran out and, in motion mode, looks for
     * motion (engine ticker).
     */
    synchronized void tickEvents(Instant now) {
        if (cameraEvents != null) {
            cameraEvents.tick(now);
        }
        sampleMotion(now);
    }

    /** Starts a simulated event of {@code label} (installers and tests); false when events are off here. */
    public synchronized boolean simulateEvent(String label) {
        if (cameraEvents == null) {
            return false;
        }
        cameraEvents.simulate(label);
        return true;
    }

    /** The detect loop's counters, when this camera runs detection. */
    public synchronized Optional<DetectStats> detectStats() {
        return Optional.ofNullable(detectLoop).map(DetectLoop::stats);
    }

    @Override
    public void close() {
        close(false);
    }

    /**
     * Stops everything; {@code engineStopping}: the engine stops (not just this camera), so the continuous
     * recording begins an {@code engine_down} gap that start-up recovery ends.
     */
    synchronized void close(boolean engineStopping) {
        if (segments != null) {
            segmentSource.removePacketListener(segments);
            if (engineStopping) {
                segments.shutdown();
            } else {
                segments.close();
            }
            segments = null;
            releaseMain();
        }
        if (motionFrames != null) {
            motionFrames.close();
            motionFrames = null;
        }
        if (detectLoop != null) {
            detectLoop.close();
            detectLoop = null;
        }
        if (cameraEvents != null) {
            cameraEvents.close();
            cameraEvents = null;
        }
        if (recorder != null) {
            recordedSource.removePacketListener(recorder);
            recorder.close();
            recorder = null;
            releaseMain();
        }
        display.stop();
        display.ring().close(); // a shared ring's file goes: walls in other processes see the camera gone
        mainLeases.clear();
        closed = true;
        if (main != null) {
            main.stop();
            main.ring().close();
            main = null;
        }
        mainUsers = 0;
    }
}
