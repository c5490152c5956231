package org.watchroom.core.detect;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.frame.FrameSlot;
import org.watchroom.core.metrics.LatencyWindow;
import org.watchroom.core.metrics.RateMeter;

/**
 * One camera's detection, run by the engine's {@link DetectScheduler}: at most {@code fps} times a second the
 * scheduler has it run the motion gate on the <em>newest</em> frame of the camera's ring — never a queue of stale
 * ones — and, on motion, run the object model and the face model and hand a {@link DetectionResult} to its sink
 * (the event bus). Without motion it still runs every {@code forceEverySeconds} so that stationary objects are
 * seen.
 *
 * <p>Thread-safety: {@link #start}, {@link #close}, {@link #setMotionMask} and {@link #stats} from any thread; the
 * gate, the ring reader and the detectors are used by one scheduler worker at a time.
 */
public final class DetectLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DetectLoop.class);
    private static final int MAX_FACE_CROPS = 8;

    /** What a gate check found: no new frame, nothing to do, motion, or no motion but a periodic pass due. */
    enum Want { NOTHING_NEW, NONE, MOTION, PERIODIC }

    private final DetectScheduler scheduler;
    private final long cameraId;
    private final String cameraName;
    private final FrameRing ring;
    private final Detector objects;
    private final Detector faces;
    private final DetectConfig config;
    private final Consumer<DetectionResult> sink;
    private final MotionGate gate = MotionGate.defaults();
    private final RateMeter rate = new RateMeter();
    private final LatencyWindow inference = new LatencyWindow(128);
    private final LatencyWindow preprocess = new LatencyWindow(128);
    private final LatencyWindow waits = new LatencyWindow(128);
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong skippedNoMotion = new AtomicLong();
    private final AtomicLong skippedBusy = new AtomicLong();
    private volatile String lastError;
    @GuardedBy("this")
    private boolean started;
    @GuardedBy("this")
    private boolean closed;
    /** Opened by {@link #start}; used by the scheduler's workers, one at a time. */
    private volatile FrameRing.Reader reader;

    /**
     * @param scheduler runs this loop once {@link #start started}
     * @param objects object detector or null; owned (closed) by this loop
     * @param faces face detector or null; owned (closed) by this loop
     */
    public DetectLoop(DetectScheduler scheduler, long cameraId, String cameraName, FrameRing ring, Detector objects,
                      Detector faces, DetectConfig config, Consumer<DetectionResult> sink) {
        this.scheduler = scheduler;
        this.cameraId = cameraId;
        this.cameraName = cameraName;
        this.ring = ring;
        this.objects = objects;
        this.faces = config.faces() == DetectConfig.FaceMode.OFF ? null : faces;
        this.config = config;
        this.sink = sink;
        if (objects != null) {
            DetectorSettings s = objects.settings();
            if (!config.labels().isEmpty()) {
                s = s.withIncludeLabels(Set.copyOf(config.labels()));
            }
            for (var e : config.minScores().entrySet()) {
                s = s.withMinScore(e.getKey(), e.getValue());
            }
            objects.settings(s.withMinBoxArea(config.minBoxArea()));
        }
    }

    /** Motion in these parts of the picture no longer wakes the detector (from the next frame on). */
    public void setMotionMask(MotionGate.Mask mask) {
        gate.setMask(mask);
    }

    /** Hands this loop to its scheduler; a second call does nothing. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        FrameRing.Reader opened = ring.newReader("detect");
        reader = opened;
        try {
            scheduler.add(this);
        } catch (RuntimeException e) {
            reader = null;
            opened.close();
            throw e;
        }
    }

    /** Takes this loop off its scheduler (waiting for a pass in progress), then closes its reader and detectors. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        scheduler.remove(this);
        FrameRing.Reader open = reader;
        if (open != null) {
            open.close();
        }
        if (objects != null) {
            objects.close();
        }
        if (faces != null) {
            faces.close();
        }
    }

    public DetectStats stats() {
        return new DetectStats(rate.perSecond(), runs.get(), inference.percentileMillis(0.5),
                inference.percentileMillis(0.95), preprocess.percentileMillis(0.5), waits.percentileMillis(0.5),
                waits.percentileMillis(0.95), skippedNoMotion.get(), skippedBusy.get(), lastError);
    }

    String cameraName() { return cameraName; }

    double fps() { return config.fps(); }

    long forceEveryNanos() { return (long) (config.forceEverySeconds() * 1e9); }

    void countMissedTicks(long ticks) {
        skippedBusy.addAndGet(ticks);
    }

    /**
     * A gate check on the newest frame, on a scheduler worker. On motion, or without motion when
     * {@code periodicDue}, the frame stays pinned for the pass that follows (a newer one replaces it).
     */
    Want checkGate(boolean periodicDue) {
        FrameSlot slot = reader.acquireNewest();
        if (slot == null) {
            return Want.NOTHING_NEW; // the camera is slower than the detect rate, or stalled
        }
        if (gate.update(slot.pixels(), slot.width(), slot.height(), slot.stride())) {
            return Want.MOTION;
        }
        if (periodicDue) {
            return Want.PERIODIC;
        }
        skippedNoMotion.incrementAndGet();
        reader.release();
        return Want.NONE;
    }

    /**
     * A pass, on a scheduler worker: on the newest frame, else on the one the gate check pinned.
     *
     * @param dueSince when the pass could first have run (wanted, and allowed by the camera's rate), for the wait
     *                 statistics: what they show is time spent queued behind other cameras
     */
    void runPass(long dueSince) {
        FrameSlot slot = reader.acquireNewest();
        if (slot == null) {
            slot = reader.held();
        }
        if (slot == null) {
            return;
        }
        waits.record(Math.max(0, System.nanoTime() - dueSince));
        DetectionResult result = pass(slot);
        reader.release();
        if (result != null) {
            deliver(result);
        }
    }

    /** Hands a result on; a sink that throws is logged (once per message) and the loop goes on. */
    private void deliver(DetectionResult result) {
        try {
            sink.accept(result);
        } catch (RuntimeException e) {
            if (lastError == null || !lastError.equals(e.getMessage())) {
                LOG.warn("Camera '{}': a detection result could not be handled", cameraName, e);
            }
            lastError = e.getMessage();
        }
    }

    /** One pass over a pinned frame; null when it failed (logged, counted, the loop goes on). */
    private DetectionResult pass(FrameSlot slot) {
        try {
            long inferenceNanos = 0;
            long preprocessNanos = 0;
            List<Detection> found = new ArrayList<>();
            if (objects != null) {
                found.addAll(objects.detect(slot));
                inferenceNanos += objects.lastInferenceNanos();
                preprocessNanos += objects.lastPreprocessNanos();
            }
            List<FaceCrop> crops = List.of();
            if (faces != null && wantFaces(found)) {
                List<Detection> faceHits = faces.detect(slot);
                inferenceNanos += faces.lastInferenceNanos();
                preprocessNanos += faces.lastPreprocessNanos();
                if (config.faces() == DetectConfig.FaceMode.IN_PERSONS) {
                    faceHits = faceHits.stream().filter(f -> insideAPerson(f, found)).toList();
                }
                crops = new ArrayList<>();
                for (Detection face : faceHits) {
                    crops.add(new FaceCrop(face, crops.size() < MAX_FACE_CROPS ? FrameCrops.cropJpeg(slot.pixels(),
                            slot.width(), slot.height(), slot.stride(), face.box(), 0.2f) : new byte[0]));
                }
                found.addAll(faceHits);
            }
            long now = System.nanoTime();
            inference.record(inferenceNanos);
            preprocess.record(preprocessNanos);
            rate.add(1, now);
            runs.incrementAndGet();
            Instant captured = Instant.now().minusNanos(Math.max(0, now - slot.captureNanos()));
            return new DetectionResult(cameraId, cameraName, slot.sequence(), captured, slot.width(), slot.height(),
                    found, crops);
        } catch (RuntimeException e) {
            if (lastError == null || !lastError.equals(e.getMessage())) {
                LOG.warn("Detection on camera '{}' failed: {}", cameraName, e.getMessage(), e);
            }
            lastError = e.getMessage();
            return null;
        }
    }

    private boolean wantFaces(List<Detection> objectsFound) {
        return config.faces() == DetectConfig.FaceMode.WHOLE_FRAME || objects == null
                || objectsFound.stream().anyMatch(d -> d.label().equals("person"));
    }

    private static boolean insideAPerson(Detection face, List<Detection> found) {
        float cx = face.box().centerX();
        float cy = face.box().centerY();
        return found.stream().anyMatch(d -> d.label().equals("person") && cx >= d.box().x()
                && cx <= d.box().x() + d.box().width() && cy >= d.box().y() && cy <= d.box().y() + d.box().height());
    }
}
