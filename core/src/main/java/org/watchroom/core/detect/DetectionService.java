package org.watchroom.core.detect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.model.ModelFetcher;
import org.watchroom.core.model.ModelIdentity;
import org.watchroom.core.model.ModelManifest;
import org.watchroom.core.model.ModelSpec;
import org.watchroom.core.model.ModelStore;
import org.watchroom.core.model.Task;

/**
 * Detection for the whole engine: one ONNX Runtime environment, the default object and face models from the
 * manifest, one {@link DetectScheduler} (a worker per core) and a {@link DetectLoop} per camera that wants one. When the models are missing from the data dir
 * it copies them from an offline mirror if one is at hand (never from the internet without being asked);
 * when they are missing or fail to load, detection is off with a clear {@link #status()} and the cameras keep
 * streaming.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class DetectionService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DetectionService.class);

    /** System property naming the installed package's bundled model folder (set by the jpackage launcher). */
    public static final String BUNDLED_MODELS_PROPERTY = "watchroom.bundledModels";

    private final InferenceEnvironment environment;
    /** Runs every camera's loop; null when detection is off. */
    private final DetectScheduler scheduler;
    private final DetectorModel objects;
    private final DetectorModel faces;
    private final String status;
    /** Opened at start to check the models; kept so that their shared sessions stay loaded across camera restarts. */
    private final List<Detector> pinned;
    /** Which models these are, for the events they produce; null for a model not loaded. */
    private final ModelIdentity objectsIdentity;
    private final ModelIdentity facesIdentity;

    private DetectionService(InferenceEnvironment environment, DetectorModel objects, DetectorModel faces, String status,
                             List<Detector> pinned, ModelIdentity objectsIdentity, ModelIdentity facesIdentity) {
        this.environment = environment;
        this.scheduler = environment == null ? null : new DetectScheduler(DetectScheduler.defaultWorkers());
        this.objectsIdentity = objects == null ? null : objectsIdentity;
        this.facesIdentity = faces == null ? null : facesIdentity;
        this.pinned = pinned;
        this.objects = objects;
        this.faces = faces;
        // the workers the scheduler really has, not a second reading of the setting
        this.status = scheduler == null ? status : status + " · " + scheduler.workers() + " worker(s)";
    }

    /** Detection switched off on purpose ({@code --no-detect}, tests). */
    public static DetectionService off(String why) {
        return new DetectionService(null, null, null, "off: " + why, List.of(), null, null);
    }

    /** Resolves the default models in {@code dataDir}, copying them from {@code mirror} when missing. */
    public static DetectionService open(Path dataDir, Optional<Path> mirror) {
        return open(dataDir, mirror, 1);
    }

    /**
     * @param intraOpThreads threads per inference; 1 suits 2 cores (cameras run in parallel instead), more helps
     *                       one camera on a big machine
     */
    public static DetectionService open(Path dataDir, Optional<Path> mirror, int intraOpThreads) {
        ModelStore store = ModelStore.in(dataDir);
        try {
            ModelManifest manifest = ModelManifest.load(store);
            List<ModelSpec> wanted = List.of(manifest.defaultFor(Task.OBJECTS), manifest.defaultFor(Task.FACES));
            List<ModelSpec> missing = wanted.stream().filter(s -> !store.isPresent(s)).toList();
            if (!missing.isEmpty() && mirror.isPresent() && Files.isDirectory(mirror.get())) {
                LOG.info("Copying models {} from the mirror {}", missing.stream().map(ModelSpec::id).toList(), mirror.get());
                new ModelFetcher(store, mirror.get()).fetchAll(missing);
            }
            return forModels(DetectorModel.of(wanted.get(0), store), DetectorModel.of(wanted.get(1), store),
                    intraOpThreads, ModelIdentity.of(wanted.get(0)), ModelIdentity.of(wanted.get(1)));
        } catch (RuntimeException e) {
            LOG.warn("Detection is off: {}", e.getMessage(), e);
            return off(e.getMessage());
        }
    }

    /** Uses these model files; a load failure switches detection off with the reason. */
    public static DetectionService forModels(DetectorModel objects, DetectorModel faces) {
        return forModels(objects, faces, 1);
    }

    /** Uses these model files with {@code intraOpThreads} per inference; a load failure switches detection off. */
    public static DetectionService forModels(DetectorModel objects, DetectorModel faces, int intraOpThreads) {
        return forModels(objects, faces, intraOpThreads, fileIdentity(objects), fileIdentity(faces));
    }

    /** A bare weights file is known by its name only; its version is not known without a manifest. */
    private static ModelIdentity fileIdentity(DetectorModel model) {
        return model == null ? null : new ModelIdentity(model.file().getFileName().toString(), null);
    }

    private static DetectionService forModels(DetectorModel objects, DetectorModel faces, int intraOpThreads,
                                              ModelIdentity objectsIdentity, ModelIdentity facesIdentity) {
        InferenceEnvironment environment = null;
        try {
            environment = InferenceEnvironment.create(intraOpThreads, true);
            List<String> names = new ArrayList<>();
            List<Detector> loaded = new ArrayList<>();
            for (DetectorModel model : new DetectorModel[] {objects, faces}) {
                if (model != null) {
                    loaded.add(environment.open(model)); // load now so a broken file is reported at start
                    names.add(model.file().getFileName().toString());
                }
            }
            DetectionService service = new DetectionService(environment, objects, faces,
                    environment.provider() + " · " + String.join(" + ", names), List.copyOf(loaded), objectsIdentity,
                    facesIdentity);
            LOG.info("Detection on: {}", service.status);
            return service;
        } catch (RuntimeException e) {
            if (environment != null) {
                environment.close();
            }
            LOG.warn("Detection is off: {}", e.getMessage(), e);
            return off(e.getMessage());
        }
    }

    /** The models folder shipped inside an installed package ({@value #BUNDLED_MODELS_PROPERTY}), if any. */
    public static Optional<Path> bundledModels() {
        String property = System.getProperty(BUNDLED_MODELS_PROPERTY);
        return property == null || property.isBlank() ? Optional.empty()
                : Optional.of(Path.of(property)).filter(Files::isDirectory).map(p -> p.toAbsolutePath().normalize());
    }

    /**
     * The offline model mirror to copy from when models are missing: {@code $WATCHROOM_MODELS_MIRROR}, else the
     * {@code watchroom.models} property, else the package's bundled models ({@value #BUNDLED_MODELS_PROPERTY}),
     * else {@code shared/models} beside the installation ({@code watchroom.home}) or the working directory's parent.
     */
    public static Optional<Path> defaultMirror() {
        Optional<Path> fromEnv = ModelFetcher.mirrorFrom(null, System.getenv());
        if (fromEnv.isPresent()) {
            return fromEnv;
        }
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("watchroom.models");
        if (property != null) {
            candidates.add(Path.of(property));
        }
        String bundled = System.getProperty(BUNDLED_MODELS_PROPERTY);
        if (bundled != null && !bundled.isBlank()) {
            candidates.add(Path.of(bundled));
        }
        String home = System.getProperty("watchroom.home");
        if (home != null) {
            candidates.add(Path.of(home, "..", "shared", "models"));
        }
        candidates.add(Path.of("../shared/models"));
        return candidates.stream().filter(Files::isDirectory).map(p -> p.toAbsolutePath().normalize()).findFirst();
    }

    public boolean enabled() { return environment != null; }

    /**
     * The model that detects {@code label}: the face model for {@code face}, the objects model for every other
     * label; empty when detection is off or that model is not loaded.
     */
    public Optional<ModelIdentity> modelFor(String label) {
        if (!enabled()) {
            return Optional.empty();
        }
        return Optional.ofNullable("face".equals(label) ? facesIdentity : objectsIdentity);
    }

    /** "CPU · yolox_nano.onnx + yunet_n_640_640.onnx · 2 worker(s)", or "off: why". */
    public String status() { return status; }

    /** A started detect loop on {@code ring}, or empty when detection is off or the camera does not want it. */
    public Optional<DetectLoop> startLoop(long cameraId, String cameraName, FrameRing ring, DetectConfig config,
                                          Consumer<DetectionResult> sink) {
        if (!enabled() || !config.enabled()) {
            return Optional.empty();
        }
        try {
            Detector objectDetector = objects == null ? null : environment.open(objects);
            Detector faceDetector = faces == null || config.faces() == DetectConfig.FaceMode.OFF ? null : environment.open(faces);
            DetectLoop loop = new DetectLoop(scheduler, cameraId, cameraName, ring, objectDetector, faceDetector, config, sink);
            try {
                loop.start();
            } catch (RuntimeException e) {
                loop.close(); // its detectors and ring reader
                throw e;
            }
            return Optional.of(loop);
        } catch (RuntimeException e) {
            LOG.warn("Detection for camera '{}' is off: {}", cameraName, e.getMessage(), e);
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.close();
        }
        pinned.forEach(Detector::close);
        if (environment != null) {
            environment.close();
        }
    }
}
