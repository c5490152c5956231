package org.watchroom.core.detect.internal;

import java.util.List;
import org.watchroom.core.detect.DetectorSettings;

/**
 * {@link DetectorSettings} resolved to class ids once, so decoders test a candidate with two array reads.
 * {@link #floor()} is the lowest threshold of any included class: decoders skip anything below it before
 * looking at classes.
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class ScoreFilter {
    private final float[] minScore;
    private final boolean[] included;
    private final float floor;

    public ScoreFilter(DetectorSettings settings, List<String> labelsByClass) {
        int classes = labelsByClass.size();
        minScore = new float[classes];
        included = new boolean[classes];
        float lowest = Float.POSITIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            String label = labelsByClass.get(c);
            minScore[c] = settings.minScore(label);
            included[c] = settings.includes(label);
            if (included[c]) {
                lowest = Math.min(lowest, minScore[c]);
            }
        }
        floor = lowest;
    }

    public int classes() { return minScore.length; }

    public float floor() { return floor; }

    public boolean included(int classId) { return included[classId]; }

    public boolean accepts(int classId, float score) {
        return included[classId] && score >= minScore[classId];
    }
}
