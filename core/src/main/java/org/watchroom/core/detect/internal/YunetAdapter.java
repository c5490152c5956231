package org.watchroom.core.detect.internal;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.watchroom.core.detect.InputSize;
import org.watchroom.core.model.Adapter;

/**
 * YuNet face detector (libfacedetection.train export, the model behind OpenCV's FaceDetectorYN): input
 * {@code input} [1,3,H,W] BGR 0..255 (fixed 640x640, or any multiple of 32 for the dynamic export),
 * letterboxed top-left with zero padding as FaceDetectorYN pads; outputs {@code cls_s, obj_s, bbox_s, kps_s}
 * for strides 8/16/32, one row per grid cell. score = √(clamp(cls)·clamp(obj)); cx = (gx + b0)·s,
 * w = exp(b2)·s; landmark k = (g + kps)·s: right eye, left eye, nose, right and left mouth corner.
 *
 * <p>Thread-safety: none; one per detector.
 */
public final class YunetAdapter implements ModelAdapter {
    public static final String ID = Adapter.YUNET.id();
    private static final int[] STRIDES = {8, 16, 32};
    private static final String[] KINDS = {"cls", "obj", "bbox", "kps"};
    private static final int[] KIND_COLUMNS = {1, 1, 4, 10};
    private static final Preprocessing PREPROCESSING =
            new Preprocessing(Preprocessing.ChannelOrder.BGR, 1f, 0f, Preprocessing.Fit.LETTERBOX_TOP_LEFT, 0);

    private int width;
    private int height;

    @Override public int classes() { return 1; }

    @Override
    public ModelLayout bind(ModelSignature model, InputSize requested) {
        long[] in = model.input(ID, "input", 4);
        InputSize size = ModelAdapter.inputSize(model, ID, "input", in, requested, new InputSize(640, 640), 32);
        width = size.width();
        height = size.height();
        List<String> names = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        // Output order: all cls, then obj, bbox, kps; within each kind strides 8, 16, 32 (decode relies on it).
        for (int k = 0; k < KINDS.length; k++) {
            for (int s : STRIDES) {
                String name = KINDS[k] + "_" + s;
                long[] shape = model.output(ID, name, 3);
                long cells = (long) (width / s) * (height / s);
                model.expect(ID, name, shape, 1, cells, true);
                model.expect(ID, name, shape, 2, KIND_COLUMNS[k], false);
                names.add(name);
                shapes.add(new long[] {1, cells, KIND_COLUMNS[k]});
            }
        }
        return new ModelLayout("input", width, height, PREPROCESSING, names, shapes);
    }

    @Override
    public void decode(FloatBuffer[] outputs, ScoreFilter filter, Candidates sink) {
        if (!filter.included(0)) {
            return;
        }
        float floor = filter.floor();
        for (int si = 0; si < STRIDES.length; si++) {
            int s = STRIDES[si];
            FloatBuffer cls = outputs[si];
            FloatBuffer obj = outputs[3 + si];
            FloatBuffer bbox = outputs[6 + si];
            FloatBuffer kps = outputs[9 + si];
            int cols = width / s;
            int cells = cols * (height / s);
            for (int i = 0; i < cells; i++) {
                float score = (float) Math.sqrt(clamp01(cls.get(i)) * clamp01(obj.get(i)));
                if (score < floor || !filter.accepts(0, score)) {
                    continue;
                }
                int gx = i % cols;
                int gy = i / cols;
                float cx = (gx + bbox.get(4 * i)) * s;
                float cy = (gy + bbox.get(4 * i + 1)) * s;
                float w = (float) Math.exp(bbox.get(4 * i + 2)) * s;
                float h = (float) Math.exp(bbox.get(4 * i + 3)) * s;
                int index = sink.addCenter(cx, cy, w, h, score, 0);
                for (int k = 0; k < 5; k++) {
                    sink.landmark(index, k, (gx + kps.get(10 * i + 2 * k)) * s, (gy + kps.get(10 * i + 2 * k + 1)) * s);
                }
            }
        }
    }

    private static float clamp01(float v) {
        return Math.max(0f, Math.min(1f, v));
    }
}
