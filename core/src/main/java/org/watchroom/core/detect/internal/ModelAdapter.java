package org.watchroom.core.detect.internal;

import org.watchroom.core.model.Task;
import java.nio.FloatBuffer;
import java.util.List;
import org.watchroom.core.detect.DetectorException;
import org.watchroom.core.detect.InputSize;

/**
 * Knows one model family's tensors: checks a loaded model against them ({@link #bind}), says how to
 * preprocess, and decodes the raw outputs into candidate boxes in network-input pixels. One instance per
 * detector: {@link #bind} records the dimensions its decoder needs.
 *
 * <p>Thread-safety: none; owned by one detector.
 */
public sealed interface ModelAdapter
        permits YoloxAdapter, YunetAdapter, UltraFaceAdapter, FastestDetAdapter, UltralyticsAdapter {

    /** Adapter id as written in manifests and on the command line ({@code yolox}, {@code yunet}, ...). */
    String id();

    Task task();

    /**
     * Checks the model's inputs and outputs and fixes the input size ({@code requested} is used only for
     * dynamic-size models and may be {@code null}).
     *
     * @throws org.watchroom.core.detect.DetectorException naming the model and the mismatch
     */
    ModelLayout bind(ModelSignature model, InputSize requested);

    /** Number of classes the model scores (1 for face models). Valid after {@link #bind}. */
    int classes();

    /** Adds every box that passes {@code filter} to {@code sink}, in network-input pixel coordinates. */
    void decode(FloatBuffer[] outputs, ScoreFilter filter, Candidates sink);

    /** Which adapter an id names. */
    static ModelAdapter forId(String id) {
        return switch (id) {
            case YoloxAdapter.ID -> new YoloxAdapter();
            case YunetAdapter.ID -> new YunetAdapter();
            case UltraFaceAdapter.ID -> new UltraFaceAdapter();
            case FastestDetAdapter.ID -> new FastestDetAdapter();
            case UltralyticsAdapter.ID -> new UltralyticsAdapter();
            default -> throw new IllegalArgumentException("Unknown adapter '" + id + "'; known adapters: "
                    + String.join(", ", ids()));
        };
    }

    static List<String> ids() {
        return List.of(YoloxAdapter.ID, YunetAdapter.ID, UltraFaceAdapter.ID, FastestDetAdapter.ID,
                UltralyticsAdapter.ID);
    }

    /** The input size of an NCHW input: fixed dimensions win, dynamic ones take {@code requested}. */
    static InputSize inputSize(ModelSignature model, String adapter, String input, long[] shape,
            InputSize requested, InputSize fallback, int multipleOf) {
        model.expect(adapter, input, shape, 1, 3, false);
        boolean dynamic = shape[2] < 0 || shape[3] < 0;
        InputSize size = dynamic ? (requested != null ? requested : fallback) : new InputSize((int) shape[3], (int) shape[2]);
        if (size.width() % multipleOf != 0 || size.height() % multipleOf != 0) {
            throw new DetectorException("Model " + model.model() + " (adapter '" + adapter
                    + "') needs an input size that is a multiple of " + multipleOf + ", got " + size);
        }
        return size;
    }
}
