package org.watchroom.core.detect;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.frame.FrameSlot;
import org.watchroom.core.metrics.LatencyWindow;
import org.watchroom.core.metrics.RateMeter;

/**
 * One camera's detection: a platform thread (inference is CPU work) that, at most {@code fps} times a second,
 * takes the <em>newest</em> frame from the camera's ring — never a queue of stale ones — asks the motion gate,
 * runs the object model and the face model, and hands a {@link DetectionResult} to its sink (the event bus).
 * Without motion it still runs every {@code forceEverySeconds} so that stationary objects are seen.
 *
 * <p>Thread-safety: {@link #start}, {@link #close} and {@link #stats} from any thread; the detectors belong to
 * the loop's thread.
 */
public final class DetectLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DetectLoop.class);
    private static final int MAX_FACE_CROPS = 8;

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
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong skippedNoMotion = new AtomicLong();
    private final AtomicLong skippedBusy = new AtomicLong();
    private volatile String lastError;
    private volatile boolean running;
    @GuardedBy("this")
    private Thread thread;

    /**
     * @param objects object detector or null; owned (closed) by this loop
     * @param faces face detector or null; owned (closed) by this loop
     */
    public DetectLoop(long cameraId, String cameraName, FrameRing ring, Detector objects, Detector faces,
                      DetectConfig config, Consumer<DetectionResult> sink) {
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

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("detect-" + cameraName).daemon().start(this::run);
    }

    @Override
    public void close() {
        Thread loop;
        synchronized (this) {
            running = false;
            loop = thread;
            thread = null;
        }
        if (loop != null) {
            LockSupport.unpark(loop);
            try {
                loop.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
                inference.percentileMillis(0.95), preprocess.percentileMillis(0.5), skippedNoMotion.get(),
                skippedBusy.get(), lastError);
    }

    private void run() {
        long period = (long) (1e9 / config.fps());
        long forceEvery = (long) (config.forceEverySeconds() * 1e9);
        long next = System.nanoTime();
        long lastPass = Long.MIN_VALUE / 2;
        try (FrameRing.Reader reader = ring.newReader("detect")) {
            while (running) {
                long now = System.nanoTime();
                if (now < next) {
                    LockSupport.parkNanos(next - now);
                    continue;
                }
                long missed = (now - next) / period;
                skippedBusy.addAndGet(missed);
                next += (missed + 1) * period;
                FrameSlot slot = reader.acquireNewest();
                if (slot == null) {
                    continue; // the camera is slower than the detect rate, or stalled
                }
                boolean motion = gate.update(slot.pixels(), slot.width(), slot.height(), slot.stride());
                if (!motion && now - lastPass < forceEvery) {
                    skippedNoMotion.incrementAndGet();
                    reader.release();
                    continue;
                }
                lastPass = now;
                DetectionResult result = pass(slot);
                reader.release();
                if (result != null) {
                    deliver(result);
                }
            }
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
