package org.watchroom.core.selftest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.watchroom.core.camera.CameraSource;
import org.watchroom.core.camera.CameraState;
import org.watchroom.core.camera.CameraUrl;
import org.watchroom.core.camera.SourceOptions;
import org.watchroom.core.demo.TestCard;
import org.watchroom.core.detect.Detection;
import org.watchroom.core.detect.DetectionService;
import org.watchroom.core.detect.Detector;
import org.watchroom.core.detect.DetectorModel;
import org.watchroom.core.detect.InferenceEnvironment;
import org.watchroom.core.frame.FrameRing;
import org.watchroom.core.frame.FrameSlot;
import org.watchroom.core.fs.Folders;
import org.watchroom.core.media.DeviceSupport;
import org.watchroom.core.model.ModelFetcher;
import org.watchroom.core.model.ModelManifest;
import org.watchroom.core.model.ModelSpec;
import org.watchroom.core.model.ModelStore;
import org.watchroom.core.model.Task;
import org.watchroom.core.store.Database;

/**
 * {@code watchroom --self-test}: checks that an installation works without touching the user's data — the
 * default models (from the data dir's store, else the package's bundled folder, else a mirror; sha256-verified)
 * load into ONNX Runtime and run on a decoded frame, FFmpeg draws and encodes the {@link TestCard} and decodes it
 * through a {@link CameraSource} (no device library needed), and a temporary H2 database opens with every migration.
 * Prints one line per check, then {@code OK} or {@code FAILED: <checks>}. Device sources ({@code lavfi:},
 * {@code v4l2:}) are optional: their line says what to install when they cannot work, without failing the test.
 *
 * <p>Thread-safety: one run per instance.
 */
public final class SelfTest {
    private static final long DECODE_TIMEOUT_NANOS = 20_000_000_000L;

    private final Path dataDir;
    private final List<Path> modelSources;
    private final PrintStream out;
    private final List<String> failed = new ArrayList<>();

    /**
     * @param dataDir      the user's data dir: its verified models are used as they are; nothing is written there
     * @param modelSources folders to copy missing models from, in order (bundled folder, mirror)
     */
    public SelfTest(Path dataDir, List<Path> modelSources, PrintStream out) {
        this.dataDir = dataDir;
        this.modelSources = List.copyOf(modelSources);
        this.out = out;
    }

    /** Where missing models come from for an installed package: the bundled folder, then the default mirror. */
    public static List<Path> defaultModelSources() {
        List<Path> sources = new ArrayList<>();
        DetectionService.bundledModels().ifPresent(sources::add);
        DetectionService.defaultMirror().filter(p -> !sources.contains(p)).ifPresent(sources::add);
        return sources;
    }

    /** Runs every check; returns the exit code (0 all passed, 1 otherwise). */
    public int run() {
        Path temp;
        try {
            temp = Files.createTempDirectory("watchroom-selftest-");
        } catch (IOException e) {
            out.println("FAILED: cannot create a temporary folder: " + e.getMessage());
            return 1;
        }
        try {
            List<DetectorModel> models = check("models", () -> resolveModels(temp.resolve("data")));
            FrameCopy frame = check("decode", () -> decodeOneFrame(temp.resolve("cache")));
            check("inference", () -> infer(models, frame));
            check("database", () -> openDatabase(temp.resolve("db")));
            reportDevices();
        } finally {
            Folders.deleteQuietly(temp);
        }
        out.println(failed.isEmpty() ? "OK" : "FAILED: " + String.join(", ", failed));
        return failed.isEmpty() ? 0 : 1;
    }

    private interface Check<T> {
        Result<T> run() throws Exception;
    }

    private record Result<T>(T value, String detail) {
    }

    private <T> T check(String name, Check<T> check) {
        try {
            Result<T> result = check.run();
            out.println(name + ": ok (" + result.detail() + ")");
            return result.value();
        } catch (Exception | LinkageError e) {
            failed.add(name);
            String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            out.println(name + ": FAILED (" + message + ")");
            return null;
        }
    }

    private Result<List<DetectorModel>> resolveModels(Path tempDataDir) {
        ModelStore userStore = ModelStore.in(dataDir);
        ModelManifest manifest = ModelManifest.load(userStore);
        List<DetectorModel> models = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (Task task : List.of(Task.OBJECTS, Task.FACES)) {
            ModelSpec spec = manifest.defaultFor(task);
            if (userStore.isPresent(spec)) {
                models.add(DetectorModel.of(spec, userStore));
                details.add(spec.id() + " from " + userStore.dir());
                continue;
            }
            // copy into a throw-away store: the fetcher verifies size and sha256 on the way
            ModelStore tempStore = ModelStore.in(tempDataDir);
            Optional<Path> source = modelSources.stream()
                    .filter(dir -> Files.isRegularFile(dir.resolve(spec.file()))).findFirst();
            if (source.isEmpty()) {
                throw new IllegalStateException(spec.id() + " (" + spec.file() + ") is not in " + userStore.dir()
                        + (modelSources.isEmpty() ? "" : " nor in " + modelSources)
                        + "; run `watchroom models fetch`");
            }
            new ModelFetcher(tempStore, source.get()).fetch(spec);
            models.add(DetectorModel.of(spec, tempStore));
            details.add(spec.id() + " from " + source.get());
        }
        return new Result<>(models, String.join(", ", details) + ", sha256 verified");
    }

    private record FrameCopy(ByteBuffer bgra, int width, int height, int stride) {
    }

    /** Optional, so never a failure: either they work, or the line says what to install. */
    private void reportDevices() {
        out.println("devices: " + DeviceSupport.load().map(problem -> "not available (" + problem + ")")
                .orElse("ok (lavfi:, v4l2: sources can open)"));
    }

    private Result<FrameCopy> decodeOneFrame(Path cache) throws InterruptedException, IOException {
        Path card = TestCard.ensure(cache);
        String source = card + "?loop=1";
        try (CameraSource camera = new CameraSource("self-test", CameraUrl.parse(source), SourceOptions.defaults())) {
            FrameRing.Reader reader = camera.ring().newReader("self-test");
            camera.start();
            long deadline = System.nanoTime() + DECODE_TIMEOUT_NANOS;
            while (!reader.hasNewer()) {
                if (System.nanoTime() > deadline || camera.state() instanceof CameraState.Failed) {
                    CameraState state = camera.state();
                    throw new IllegalStateException("no frame from the test card within 20 s (state "
                            + state.label() + (state instanceof CameraState.Failed f ? ": " + f.reason() : "") + ")");
                }
                Thread.sleep(20);
            }
            FrameSlot slot = reader.acquireNewest();
            try {
                ByteBuffer copy = ByteBuffer.allocateDirect(slot.stride() * slot.height());
                ByteBuffer pixels = slot.pixels().duplicate();
                pixels.position(0).limit(copy.capacity());
                copy.put(pixels).flip();
                FrameCopy frame = new FrameCopy(copy, slot.width(), slot.height(), slot.stride());
                return new Result<>(frame, slot.width() + "x" + slot.height() + " from FFmpeg's testsrc2 test card, "
                        + "codec " + camera.stats().codec());
            } finally {
                reader.release();
                reader.close();
            }
        }
    }

    private Result<Void> infer(List<DetectorModel> models, FrameCopy frame) {
        if (models == null) {
            throw new IllegalStateException("no models to run (see models)");
        }
        if (frame == null) {
            throw new IllegalStateException("no decoded frame to run on (see decode)");
        }
        List<String> details = new ArrayList<>();
        try (InferenceEnvironment environment = InferenceEnvironment.create(1, true)) {
            for (DetectorModel model : models) {
                try (Detector detector = environment.open(model)) {
                    List<Detection> found = detector.detect(frame.bgra().duplicate(), frame.width(), frame.height(),
                            frame.stride());
                    details.add(String.format(Locale.ROOT, "%s %d detection(s) in %.0f ms", model.file().getFileName(),
                            found.size(), detector.lastInferenceNanos() / 1e6));
                }
            }
            return new Result<>(null, environment.provider() + ": " + String.join(", ", details));
        }
    }

    private Result<Void> openDatabase(Path dir) {
        try (Database database = Database.open(dir)) {
            if (!database.ping()) {
                throw new IllegalStateException("the temporary database does not answer");
            }
            return new Result<>(null, "temporary H2, schema version " + database.schemaVersion());
        }
    }
}
