package org.watchroom.core.detect;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.watchroom.core.detect.internal.ModelAdapter;
import org.watchroom.core.detect.internal.ModelLayout;
import org.watchroom.core.detect.internal.ModelRunner;
import org.watchroom.core.detect.internal.ModelSignature;
import org.watchroom.core.detect.internal.Postprocessor;
import org.watchroom.core.detect.internal.Preprocessor;
import org.watchroom.core.detect.internal.ScoreFilter;
import org.watchroom.core.frame.FrameSlot;
import org.watchroom.core.model.Adapter;
import org.watchroom.core.model.Task;

/**
 * Runs one model on BGRA frames: preprocess into a reused tensor, infer, decode with the model's adapter,
 * map boxes back to frame pixels, filter by score/class/area, class-aware NMS. Steady state allocates only
 * the returned list and its detections plus ONNX Runtime's small per-run bookkeeping.
 *
 * <p>Thread-safety: <b>not thread-safe</b>; use one detector per detect loop (thread). Detectors on the same
 * model file share one ONNX Runtime session through the {@link InferenceEnvironment}.
 */
public final class Detector implements AutoCloseable {
    private final InferenceEnvironment environment;
    private final OrtSession session;
    private final Adapter kind;
    private final DetectorModel spec;
    private final ModelLayout layout;
    private final List<String> labels;
    private final ModelRunner runner;
    private final Preprocessor preprocessor;
    private final Postprocessor postprocessor;
    private DetectorSettings settings;
    private ScoreFilter filter;
    private long lastPreprocessNanos;
    private long lastInferenceNanos;
    private long lastDecodeNanos;
    private boolean closed;

    private Detector(InferenceEnvironment environment, OrtSession session, Adapter kind, ModelAdapter adapter,
            DetectorModel spec, ModelLayout layout, List<String> labels, DetectorSettings settings) {
        this.environment = environment;
        this.session = session;
        this.kind = kind;
        this.spec = spec;
        this.layout = layout;
        this.labels = labels;
        String name = spec.file().getFileName().toString();
        this.runner = new ModelRunner(environment.ort(), session, name, layout);
        this.preprocessor = new Preprocessor(layout, runner.input());
        this.postprocessor = new Postprocessor(adapter, labels);
        settings(settings);
    }

    /**
     * Loads (or shares) the model and checks it against the adapter.
     *
     * @param settings {@code null} for {@link DetectorSettings#defaults(Task)} of the adapter's task
     * @throws DetectorException when the file is missing or corrupt, the adapter is unknown, the model does
     *                           not fit the adapter, or the labels do not match the model's classes
     */
    static Detector open(InferenceEnvironment environment, DetectorModel spec, DetectorSettings settings) {
        String name = spec.file().getFileName().toString();
        Adapter kind;
        try {
            kind = ModelAdapter.named(spec.adapter());
        } catch (IllegalArgumentException e) {
            throw new DetectorException("Model " + name + ": " + e.getMessage(), e);
        }
        ModelAdapter adapter = ModelAdapter.of(kind);
        OrtSession session = environment.acquire(spec.file());
        try {
            ModelLayout layout = adapter.bind(ModelSignature.of(name, session), spec.inputSize());
            List<String> labels = labels(spec, kind.task(), adapter.classes());
            return new Detector(environment, session, kind, adapter, spec, layout, labels,
                    settings != null ? settings : DetectorSettings.defaults(kind.task()));
        } catch (OrtException e) {
            environment.release(session);
            throw new DetectorException("Cannot read the inputs and outputs of model " + name + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            environment.release(session);
            throw e;
        }
    }

    private static List<String> labels(DetectorModel spec, Task task, int classes) {
        String name = spec.file().getFileName().toString();
        if (!spec.labels().isEmpty()) {
            if (spec.labels().size() != classes) {
                throw new DetectorException("Model " + name + " scores " + classes + " classes but its labels list has "
                        + spec.labels().size() + " names");
            }
            return spec.labels();
        }
        List<String> generated = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            generated.add(task == Task.FACES && classes == 1 ? "face" : "class" + c);
        }
        return List.copyOf(generated);
    }

    /** Detects in a picture or video frame loaded from a file (CLI, tests). */
    public List<Detection> detect(StillFrame frame) {
        return detect(frame.bgra(), frame.width(), frame.height(), frame.stride());
    }

    /** Detects in a pinned ring slot. */
    public List<Detection> detect(FrameSlot slot) {
        return detect(slot.pixels(), slot.width(), slot.height(), slot.stride());
    }

    /**
     * Detects in a BGRA frame whose pixels start at index 0 of {@code bgra} (a direct buffer), rows
     * {@code stride} bytes apart. Boxes and landmarks are in frame pixels, best score first.
     */
    public List<Detection> detect(ByteBuffer bgra, int width, int height, int stride) {
        if (closed) {
            throw new IllegalStateException("detector is closed");
        }
        long start = System.nanoTime();
        preprocessor.run(bgra, width, height, stride);
        long preprocessed = System.nanoTime();
        runner.run();
        long inferred = System.nanoTime();
        List<Detection> detections = postprocessor.run(runner.outputs(), filter, preprocessor.geometry(),
                settings.nmsIou(), settings.minBoxArea());
        lastPreprocessNanos = preprocessed - start;
        lastInferenceNanos = inferred - preprocessed;
        lastDecodeNanos = System.nanoTime() - inferred;
        return detections;
    }

    /** Replaces the filter settings; takes effect on the next {@link #detect} call (same thread). */
    public void settings(DetectorSettings newSettings) {
        this.settings = newSettings;
        this.filter = new ScoreFilter(newSettings, labels);
    }

    public DetectorSettings settings() { return settings; }

    /** Resize + colour conversion + normalisation of the last frame. */
    public long lastPreprocessNanos() { return lastPreprocessNanos; }

    /** ONNX Runtime {@code run} of the last frame. */
    public long lastInferenceNanos() { return lastInferenceNanos; }

    /** Decoding, un-letterboxing, filtering and NMS of the last frame. */
    public long lastDecodeNanos() { return lastDecodeNanos; }

    public Task task() { return kind.task(); }

    public String adapter() { return kind.id(); }

    public DetectorModel spec() { return spec; }

    /** Class names by class id. */
    public List<String> labels() { return labels; }

    /** The network input size this detector runs at. */
    public InputSize inputSize() { return new InputSize(layout.width(), layout.height()); }

    /** Execution provider of the session ({@code CPU} or {@code CUDA}). */
    public String provider() { return environment.provider(); }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            preprocessor.close();
            runner.close();
            environment.release(session);
        }
    }
}
