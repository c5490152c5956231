package org.watchroom.core.detect.internal;

import java.nio.FloatBuffer;
import java.util.List;
import org.watchroom.core.detect.InputSize;
import org.watchroom.core.model.Adapter;

/**
 * YOLOX (nano, tiny, s, ...) as exported by Megvii: input {@code images} [1,3,H,W] BGR 0..255, letterboxed
 * to the top-left with pad 114; output {@code output} [1, A, 5+C] with rows for the stride 8, 16 and 32
 * grids in turn, columns x, y, log w, log h, objectness, then C class scores (already sigmoid).
 * cx = (x + gx)·s, w = exp(w)·s; score = objectness × best class.
 *
 * <p>Thread-safety: none; one per detector.
 */
public final class YoloxAdapter implements ModelAdapter {
    public static final String ID = Adapter.YOLOX.id();
    private static final int[] STRIDES = {8, 16, 32};
    private static final Preprocessing PREPROCESSING =
            new Preprocessing(Preprocessing.ChannelOrder.BGR, 1f, 0f, Preprocessing.Fit.LETTERBOX_TOP_LEFT, 114);

    private int width;
    private int height;
    private int anchors;
    private int classes;

    @Override public int classes() { return classes; }

    @Override
    public ModelLayout bind(ModelSignature model, InputSize requested) {
        long[] in = model.input(ID, "images", 4);
        InputSize size = ModelAdapter.inputSize(model, ID, "images", in, requested, new InputSize(416, 416), 32);
        width = size.width();
        height = size.height();
        anchors = 0;
        for (int s : STRIDES) {
            anchors += (width / s) * (height / s);
        }
        long[] out = model.output(ID, "output", 3);
        model.expect(ID, "output", out, 1, anchors, true);
        if (out[2] < 6) {
            throw model.mismatch(ID, "'output' must have 5 box/objectness columns plus at least one class");
        }
        classes = (int) out[2] - 5;
        return new ModelLayout("images", width, height, PREPROCESSING, List.of("output"),
                List.<long[]>of(new long[] {1, anchors, 5 + classes}));
    }

    @Override
    public void decode(FloatBuffer[] outputs, ScoreFilter filter, Candidates sink) {
        FloatBuffer out = outputs[0];
        int columns = 5 + classes;
        float floor = filter.floor();
        int row = 0;
        for (int s : STRIDES) {
            int cols = width / s;
            int rows = height / s;
            for (int gy = 0; gy < rows; gy++) {
                for (int gx = 0; gx < cols; gx++, row++) {
                    int base = row * columns;
                    float objectness = out.get(base + 4);
                    if (objectness < floor) {
                        continue; // score = objectness × class ≤ objectness
                    }
                    int best = -1;
                    float bestScore = 0;
                    for (int c = 0; c < classes; c++) {
                        float score = objectness * out.get(base + 5 + c);
                        if (score > bestScore && filter.included(c)) {
                            best = c;
                            bestScore = score;
                        }
                    }
                    if (best >= 0 && filter.accepts(best, bestScore)) {
                        float cx = (out.get(base) + gx) * s;
                        float cy = (out.get(base + 1) + gy) * s;
                        float w = (float) Math.exp(out.get(base + 2)) * s;
                        float h = (float) Math.exp(out.get(base + 3)) * s;
                        sink.addCenter(cx, cy, w, h, bestScore, best);
                    }
                }
            }
        }
    }
}
