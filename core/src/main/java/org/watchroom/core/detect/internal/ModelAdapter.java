package org.watchroom.core.detect.internal;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.watchroom.core.detect.DetectorException;
import org.watchroom.core.detect.InputSize;
import org.watchroom.core.model.Adapter;

/**
 * Knows one model family's tensors: checks a loaded model against them ({@link #bind}), says how to
 * preprocess, and decodes the raw outputs into candidate boxes in network-input pixels. One instance per
 * detector: {@link #bind} records the dimensions its decoder needs.
 *
 * <p>Thread-safety: none; owned by one detector.
 */
public sealed interface ModelAdapter
        permits YoloxAdapter, YunetAdapter, UltraFaceAdapter, FastestDetAdapter, UltralyticsAdapter {

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

    /** The decoder for {@code adapter}'s models; a new {@link Adapter} does not compile until it has one here. */
    static ModelAdapter of(Adapter adapter) {
        return switch (adapter) {
            case YOLOX -> new YoloxAdapter();
            case YUNET -> new YunetAdapter();
            case ULTRAFACE -> new UltraFaceAdapter();
            case FASTESTDET -> new FastestDetAdapter();
            case ULTRALYTICS -> new UltralyticsAdapter();
        };
    }

    /** Which adapter an id names ({@code yolox}, {@code yunet}, ... as in manifests and on the command line). */
    static Adapter named(String id) {
        for (Adapter adapter : Adapter.values()) {
            if (adapter.id().equals(id)) {
                return adapter;
            }
        }
        throw new IllegalArgumentException("Unknown adapter '" + id + "'; known adapters: " + String.join(", ", ids()));
    }

    /** The decoder for the adapter an id names. */
    static ModelAdapter forId(String id) {
        return of(named(id));
    }

    static List<String> ids() {
        return Arrays.stream(Adapter.values()).map(Adapter::id).toList();
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
