package org.watchroom.core.engine;

import org.watchroom.core.bus.EventBus;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.camera.CameraSource;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.detect.DetectConfig;
import org.watchroom.core.detect.DetectLoop;
import org.watchroom.core.detect.DetectStats;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.store.Camera;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running camera: its display source (the sub-stream when configured, else the main stream), its detect
 * loop on that source when detection is on, and, when a sub-stream exists, a main-stream source started only
 * while someone needs it (focus view, later recording).
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class LiveCamera implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCamera.class);
    private final Camera camera;
    private final CameraSource display;
    private final SourceOptions options;
    private final DetectionService detection;
    private final EventBus bus;
    private DetectLoop detectLoop;
    private CameraSource main;
    private int mainUsers;

    LiveCamera(Camera camera, SourceOptions options, EventBus bus, DetectionService detection) {
        this.camera = camera;
        this.detection = detection;
        this.bus = bus;
        this.options = options.withRtspTransport(camera.rtspTransport());
        this.display = new CameraSource(camera.name(), camera.displayUrl(), this.options);
        display.addStateListener(state -> bus.publish(
                new WatchroomEvent.CameraStateChanged(camera.id(), camera.name(), state)));
    }

    public Camera camera() { return camera; }

    /** The source tiles and detection read. */
    public CameraSource display() { return display; }

    public boolean hasSubStream() { return camera.subUrl() != null; }

    /**
     * The full-resolution source, started on first use; pair with {@link #releaseMain()}. Without a
     * sub-stream this is the display source itself.
     */
    public synchronized CameraSource acquireMain() {
        if (!hasSubStream()) {
            return display;
        }
        if (main == null) {
            main = new CameraSource(camera.name() + " (main)", camera.mainUrl(), options.withMaxSize(3840, 2160));
            main.start();
        }
        mainUsers++;
        return main;
    }

    public synchronized void releaseMain() {
        if (main != null && --mainUsers <= 0) {
            main.stop();
            main = null;
            mainUsers = 0;
        }
    }

    synchronized void start() {
        display.start();
        DetectConfig config;
        try {
            config = DetectConfig.parse(camera.detectSettings());
        } catch (IllegalArgumentException e) {
            LOG.warn("Camera '{}': {}; detection is off for it", camera.name(), e.getMessage());
            return;
        }
        detectLoop = detection.startLoop(camera.id(), camera.name(), display.ring(), config,
                result -> bus.publish(new WatchroomEvent.DetectionsReady(result))).orElse(null);
    }

    /** The detect loop's counters, when this camera runs detection. */
    public synchronized Optional<DetectStats> detectStats() {
        return Optional.ofNullable(detectLoop).map(DetectLoop::stats);
    }

    @Override
    public synchronized void close() {
        if (detectLoop != null) {
            detectLoop.close();
            detectLoop = null;
        }
        display.stop();
        if (main != null) {
            main.stop();
            main = null;
        }
    }
}
