package org.watchroom.core.detect;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.config.CacheDirectory;
import org.watchroom.core.detect.internal.OrtNatives;
import org.watchroom.core.detect.internal.SessionCache;

/**
 * The process's ONNX Runtime: one per process, created at start-up and closed at exit. Telemetry is switched
 * off (a surveillance product sends nothing anywhere). Picks the execution provider once — CUDA when the
 * runtime on the class path has it and it initialises, CPU otherwise — and shares one session per model file
 * among all {@link Detector}s.
 *
 * <p>Thread-safety: safe for concurrent use; detectors for different cameras may be opened from any thread.
 */
public final class InferenceEnvironment implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceEnvironment.class);

    private final OrtEnvironment ort;
    private final int intraOpThreads;
    private final String provider;
    private final SessionCache sessions = new SessionCache();

    private InferenceEnvironment(int intraOpThreads, boolean tryCuda) {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intra-op threads must be at least 1, got " + intraOpThreads);
        }
        this.intraOpThreads = intraOpThreads;
        OrtNatives.prepare(CacheDirectory.resolve()); // before ORT's first class loads its libraries
        ort = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "watchroom");
        try {
            ort.setTelemetry(false);
        } catch (OrtException e) {
            throw new DetectorException("Cannot switch off ONNX Runtime telemetry: " + e.getMessage(), e);
        }
        provider = tryCuda && cudaWorks() ? "CUDA" : "CPU";
        LOG.info("Inference: ONNX Runtime {}, provider {}, {} intra-op thread(s), telemetry off", ort.getVersion(),
                provider, intraOpThreads);
    }

    /** One intra-op thread per session (cameras already run in parallel), CUDA if available. */
    public static InferenceEnvironment create() {
        return new InferenceEnvironment(1, true);
    }

    public static InferenceEnvironment create(int intraOpThreads, boolean tryCuda) {
        return new InferenceEnvironment(intraOpThreads, tryCuda);
    }

    /** {@code "CUDA"} or {@code "CPU"}. */
    public String provider() { return provider; }

    public int intraOpThreads() { return intraOpThreads; }

    /** Opens a detector with the default settings for the model's task. */
    public Detector open(DetectorModel spec) {
        return Detector.open(this, spec, null);
    }

    public Detector open(DetectorModel spec, DetectorSettings settings) {
        return Detector.open(this, spec, settings);
    }

    /** How many model sessions are open (shared by all detectors on the same file). */
    int sessionCount() { return sessions.size(); }

    OrtEnvironment ort() { return ort; }

    /** The shared session for a model file; give it back with {@link #release}. */
    OrtSession acquire(Path file) {
        checkReadable(file);
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new DetectorException("Model file " + file + " cannot be opened: " + e.getMessage(), e);
        }
        return sessions.acquire(real, provider, this::load);
    }

    void release(OrtSession session) {
        sessions.release(session);
    }

    private static void checkReadable(Path file) {
        if (!Files.exists(file)) {
            throw new DetectorException("Model file " + file.toAbsolutePath() + " does not exist.");
        }
        if (!Files.isRegularFile(file)) {
            throw new DetectorException("Model file " + file.toAbsolutePath() + " is not a regular file.");
        }
        if (!Files.isReadable(file)) {
            throw new DetectorException("Model file " + file.toAbsolutePath() + " is not readable (permissions).");
        }
    }

    private OrtSession load(Path file) {
        try {
            return createSession(file, provider.equals("CUDA"));
        } catch (OrtException e) {
            if (provider.equals("CUDA")) {
                LOG.warn("Model {} does not load with CUDA; using the CPU for it", file.getFileName(), e);
                try {
                    return createSession(file, false);
                } catch (OrtException cpu) {
                    e = cpu;
                }
            }
            throw new DetectorException(describeLoadFailure(file, e), e);
        }
    }

    private OrtSession createSession(Path file, boolean cuda) throws OrtException {
        try (SessionOptions options = new SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            if (cuda) {
                options.addCUDA();
            }
            return ort.createSession(file.toString(), options);
        }
    }

    private static String describeLoadFailure(Path file, OrtException e) {
        String what = switch (e.getCode()) {
            case ORT_INVALID_PROTOBUF -> "it is not a valid ONNX model (corrupt, truncated or not a model at all)";
            case ORT_NO_SUCHFILE -> "the file does not exist";
            case ORT_INVALID_GRAPH -> "its graph is invalid";
            case ORT_NOT_IMPLEMENTED -> "it uses an operator this ONNX Runtime does not implement";
            default -> "ONNX Runtime could not load it";
        };
        return "Cannot load model file " + file.toAbsolutePath() + ": " + what + " (ONNX Runtime: " + e.getMessage() + ")";
    }

    private static boolean cudaWorks() {
        // The CPU-only onnxruntime jar throws here; the GPU jar throws when no driver/device is present.
        try (SessionOptions probe = new SessionOptions()) {
            probe.addCUDA();
            return true;
        } catch (OrtException | RuntimeException | LinkageError e) {
            LOG.debug("CUDA execution provider not available: {}", e.getMessage());
            return false;
        }
    }

    /** Closes every session still open. The ONNX Runtime environment itself is a process singleton. */
    @Override
    public void close() {
        sessions.close();
    }
}
