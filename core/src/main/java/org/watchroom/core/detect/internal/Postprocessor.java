package org.watchroom.core.detect.internal;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.watchroom.core.detect.Box;
import org.watchroom.core.detect.Detection;

/**
 * Raw outputs → final detections: the adapter's decoder, un-letterboxing to frame pixels, class-aware NMS
 * with the minimum-area filter, then one {@link Detection} per survivor (the only allocation, as the result
 * is handed to the caller). Separate from the ONNX session so decoding can be tested on hand-built tensors.
 *
 * <p>Thread-safety: none; owned by one detector.
 */
public final class Postprocessor {
    private final ModelAdapter adapter;
    private final List<String> labels;
    private final Candidates candidates = new Candidates();
    private final Nms nms = new Nms();

    public Postprocessor(ModelAdapter adapter, List<String> labels) {
        this.adapter = adapter;
        this.labels = List.copyOf(labels);
    }

    public List<Detection> run(FloatBuffer[] outputs, ScoreFilter filter, FrameGeometry geometry, float nmsIou,
            float minBoxArea) {
        candidates.clear();
        adapter.decode(outputs, filter, candidates);
        candidates.toSource(geometry);
        nms.run(candidates, nmsIou, minBoxArea);
        List<Detection> detections = new ArrayList<>(nms.count());
        for (int k = 0; k < nms.count(); k++) {
            int i = nms.kept(k);
            int cls = candidates.classId(i);
            Box box = new Box(candidates.x1(i), candidates.y1(i), candidates.x2(i) - candidates.x1(i),
                    candidates.y2(i) - candidates.y1(i));
            detections.add(new Detection(labels.get(cls), cls, candidates.score(i), box, candidates.landmarksOf(i)));
        }
        return detections;
    }
}
