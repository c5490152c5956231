package org.watchroom.core.detect.internal;

import java.nio.FloatBuffer;
import java.util.List;
import org.watchroom.core.detect.InputSize;
import org.watchroom.core.model.Adapter;

/**
 * FastestDet (dog-qiuqiu): one input [1,3,352,352] BGR / 255, stretched; one output [1, 5+C, gh, gw]:
 * channel 0 objectness, 1-2 tx, ty (tanh → offset in the cell), 3-4 w, h (sigmoid → fraction of the
 * image), then C class scores. cx = (gx + tanh tx) / gw; score = obj^0.6 × class^0.4. The export's tensor
 * names are numbers ({@code input.1}, {@code 758}), so this adapter goes by shape, not by name.
 *
 * <p>Thread-safety: none; one per detector.
 */
public final class FastestDetAdapter implements ModelAdapter {
    public static final String ID = Adapter.FASTESTDET.id();
    private static final Preprocessing PREPROCESSING =
            new Preprocessing(Preprocessing.ChannelOrder.BGR, 1f / 255, 0f, Preprocessing.Fit.STRETCH, 0);

    private int width;
    private int height;
    private int gridWidth;
    private int gridHeight;
    private int classes;

    @Override public int classes() { return classes; }

    @Override
    public ModelLayout bind(ModelSignature model, InputSize requested) {
        if (model.inputs().size() != 1 || model.outputs().size() != 1) {
            throw model.mismatch(ID, "expected exactly one input and one output");
        }
        String input = model.inputs().keySet().iterator().next();
        String output = model.outputs().keySet().iterator().next();
        long[] in = model.input(ID, input, 4);
        InputSize size = ModelAdapter.inputSize(model, ID, input, in, requested, new InputSize(352, 352), 1);
        width = size.width();
        height = size.height();
        long[] out = model.output(ID, output, 4);
        if (out[1] < 6 || out[2] <= 0 || out[3] <= 0) {
            throw model.mismatch(ID, "'" + output + "' must be [1, 5+classes, gridH, gridW] with a fixed grid");
        }
        classes = (int) out[1] - 5;
        gridHeight = (int) out[2];
        gridWidth = (int) out[3];
        return new ModelLayout(input, width, height, PREPROCESSING, List.of(output),
                List.<long[]>of(new long[] {1, 5 + classes, gridHeight, gridWidth}));
    }

    @Override
    public void decode(FloatBuffer[] outputs, ScoreFilter filter, Candidates sink) {
        FloatBuffer out = outputs[0];
        int plane = gridWidth * gridHeight;
        float floor = filter.floor();
        for (int gy = 0; gy < gridHeight; gy++) {
            for (int gx = 0; gx < gridWidth; gx++) {
                int cell = gy * gridWidth + gx;
                float objectness = out.get(cell);
                // score ≤ obj^0.6 (class ≤ 1): cheap reject before the class scan.
                if (objectness <= 0 || Math.pow(objectness, 0.6) < floor) {
                    continue;
                }
                int best = -1;
                float bestClass = 0;
                for (int c = 0; c < classes; c++) {
                    float v = out.get((5 + c) * plane + cell);
                    if (v > bestClass && filter.included(c)) {
                        best = c;
                        bestClass = v;
                    }
                }
                if (best < 0) {
                    continue;
                }
                float score = (float) (Math.pow(objectness, 0.6) * Math.pow(bestClass, 0.4));
                if (!filter.accepts(best, score)) {
                    continue;
                }
                float cx = (gx + (float) Math.tanh(out.get(plane + cell))) / gridWidth * width;
                float cy = (gy + (float) Math.tanh(out.get(2 * plane + cell))) / gridHeight * height;
                float w = sigmoid(out.get(3 * plane + cell)) * width;
                float h = sigmoid(out.get(4 * plane + cell)) * height;
                sink.addCenter(cx, cy, w, h, score, best);
            }
        }
    }

    private static float sigmoid(float v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }
}
