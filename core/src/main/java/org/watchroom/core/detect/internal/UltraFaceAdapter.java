package org.watchroom.core.detect.internal;

import java.nio.FloatBuffer;
import java.util.List;
import org.watchroom.core.detect.InputSize;
import org.watchroom.core.model.Adapter;

/**
 * Ultra-Light-Fast-Generic-Face-Detector (UltraFace, RFB-320 and slim): input {@code input} [1,3,240,320]
 * RGB, (v − 127) / 128, stretched; outputs {@code scores} [1,N,2] (column 1 = face) and {@code boxes}
 * [1,N,4] with corners already decoded and normalised to 0..1.
 *
 * <p>Thread-safety: none; one per detector.
 */
public final class UltraFaceAdapter implements ModelAdapter {
    public static final String ID = Adapter.ULTRAFACE.id();
    private static final Preprocessing PREPROCESSING =
            new Preprocessing(Preprocessing.ChannelOrder.RGB, 1f / 128, -127f / 128, Preprocessing.Fit.STRETCH, 0);

    private int width;
    private int height;
    private int priors;

    @Override public int classes() { return 1; }

    @Override
    public ModelLayout bind(ModelSignature model, InputSize requested) {
        long[] in = model.input(ID, "input", 4);
        InputSize size = ModelAdapter.inputSize(model, ID, "input", in, requested, new InputSize(320, 240), 1);
        width = size.width();
        height = size.height();
        long[] scores = model.output(ID, "scores", 3);
        long[] boxes = model.output(ID, "boxes", 3);
        model.expect(ID, "scores", scores, 2, 2, false);
        model.expect(ID, "boxes", boxes, 2, 4, false);
        if (scores[1] < 0) {
            throw model.mismatch(ID, "'scores' has a dynamic number of priors; export the model at a fixed size");
        }
        model.expect(ID, "boxes", boxes, 1, scores[1], false);
        priors = (int) scores[1];
        return new ModelLayout("input", width, height, PREPROCESSING, List.of("scores", "boxes"),
                List.of(new long[] {1, priors, 2}, new long[] {1, priors, 4}));
    }

    @Override
    public void decode(FloatBuffer[] outputs, ScoreFilter filter, Candidates sink) {
        if (!filter.included(0)) {
            return;
        }
        FloatBuffer scores = outputs[0];
        FloatBuffer boxes = outputs[1];
        for (int i = 0; i < priors; i++) {
            float score = scores.get(2 * i + 1);
            if (filter.accepts(0, score)) {
                sink.add(boxes.get(4 * i) * width, boxes.get(4 * i + 1) * height,
                        boxes.get(4 * i + 2) * width, boxes.get(4 * i + 3) * height, score, 0);
            }
        }
    }
}
