package org.watchroom.core.detect.internal;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.watchroom.core.detect.InputSize;
import org.watchroom.core.model.Adapter;

/**
 * Ultralytics YOLOv8 / YOLO11 ONNX export: input {@code images} [1,3,H,W] RGB / 255, letterboxed centred
 * with pad 114 as Ultralytics' LetterBox does; one output [1, 4+C, N] (channel-major: row c holds value c of
 * every anchor) with cx, cy, w, h in input pixels and C class scores, no objectness.
 *
 * <p>Thread-safety: none; one per detector.
 */
public final class UltralyticsAdapter implements ModelAdapter {
    public static final String ID = Adapter.ULTRALYTICS.id();
    private static final int[] STRIDES = {8, 16, 32};
    private static final Preprocessing PREPROCESSING =
            new Preprocessing(Preprocessing.ChannelOrder.RGB, 1f / 255, 0f, Preprocessing.Fit.LETTERBOX_CENTER, 114);

    private int anchors;
    private int classes;
    // Per-anchor best class so far: decoding walks each class row contiguously (the tensor is channel-major).
    private float[] bestScore = new float[0];
    private int[] bestClass = new int[0];

    @Override public int classes() { return classes; }

    @Override
    public ModelLayout bind(ModelSignature model, InputSize requested) {
        long[] in = model.input(ID, "images", 4);
        InputSize size = ModelAdapter.inputSize(model, ID, "images", in, requested, new InputSize(640, 640), 32);
        if (model.outputs().size() != 1) {
            throw model.mismatch(ID, "expected one output [1, 4+classes, anchors] (a detection export, not segment/pose)");
        }
        String output = model.outputs().keySet().iterator().next();
        long[] out = model.output(ID, output, 3);
        if (out[1] < 5) {
            throw model.mismatch(ID, "'" + output + "' must be [1, 4+classes, anchors]");
        }
        int expectedAnchors = 0;
        for (int s : STRIDES) {
            expectedAnchors += (size.width() / s) * (size.height() / s);
        }
        model.expect(ID, output, out, 2, expectedAnchors, true);
        configure((int) out[1] - 4, expectedAnchors);
        return new ModelLayout("images", size.width(), size.height(), PREPROCESSING, List.of(output),
                List.<long[]>of(new long[] {1, 4 + classes, anchors}));
    }

    /** Sets the output dimensions directly (for decoding tensors built by hand). */
    public UltralyticsAdapter configure(int classCount, int anchorCount) {
        classes = classCount;
        anchors = anchorCount;
        bestScore = new float[anchorCount];
        bestClass = new int[anchorCount];
        return this;
    }

    @Override
    public void decode(FloatBuffer[] outputs, ScoreFilter filter, Candidates sink) {
        FloatBuffer out = outputs[0];
        Arrays.fill(bestScore, filter.floor());
        Arrays.fill(bestClass, -1);
        for (int c = 0; c < classes; c++) {
            if (!filter.included(c)) {
                continue;
            }
            int row = (4 + c) * anchors;
            for (int i = 0; i < anchors; i++) {
                float score = out.get(row + i);
                if (score > bestScore[i] || (score == bestScore[i] && bestClass[i] < 0)) {
                    bestScore[i] = score;
                    bestClass[i] = c;
                }
            }
        }
        for (int i = 0; i < anchors; i++) {
            int best = bestClass[i];
            if (best >= 0 && filter.accepts(best, bestScore[i])) {
                sink.addCenter(out.get(i), out.get(anchors + i), out.get(2 * anchors + i), out.get(3 * anchors + i),
                        bestScore[i], best);
            }
        }
    }
}
