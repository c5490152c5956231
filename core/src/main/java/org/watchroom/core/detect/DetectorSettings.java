package org.watchroom.core.detect;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.watchroom.core.model.Task;

/**
 * What a {@link Detector} keeps: per-class minimum scores, a minimum box area, an optional class include
 * list, and the IoU above which non-maximum suppression drops the weaker of two boxes of the same class.
 *
 * <p>Thread-safety: immutable.
 *
 * @param defaultMinScore a class without an entry in {@code minScores} needs at least this score
 * @param minScores       per-label minimum score, overriding the default (e.g. {@code person=0.5})
 * @param minBoxArea      boxes smaller than this many source pixels are dropped (0 keeps all)
 * @param includeLabels   only these labels are reported; empty reports every class
 * @param nmsIou          class-aware NMS threshold
 */
public record DetectorSettings(float defaultMinScore, Map<String, Float> minScores, float minBoxArea,
        Set<String> includeLabels, float nmsIou) {

    public static final float DEFAULT_OBJECT_SCORE = 0.35f;
    public static final float DEFAULT_FACE_SCORE = 0.6f;
    public static final float DEFAULT_NMS_IOU = 0.45f;

    public DetectorSettings {
        minScores = Map.copyOf(minScores);
        includeLabels = Set.copyOf(includeLabels);
        if (nmsIou <= 0 || nmsIou > 1) {
            throw new IllegalArgumentException("NMS IoU must be in (0, 1], got " + nmsIou);
        }
    }

    /** 0.35 for objects, 0.6 for faces, no area limit, every class, NMS IoU 0.45. */
    public static DetectorSettings defaults(Task task) {
        return new DetectorSettings(task == Task.FACES ? DEFAULT_FACE_SCORE : DEFAULT_OBJECT_SCORE, Map.of(), 0,
                Set.of(), DEFAULT_NMS_IOU);
    }

    public float minScore(String label) {
        return minScores.getOrDefault(label, defaultMinScore);
    }

    public boolean includes(String label) {
        return includeLabels.isEmpty() || includeLabels.contains(label);
    }

    public DetectorSettings withDefaultMinScore(float score) {
        return new DetectorSettings(score, minScores, minBoxArea, includeLabels, nmsIou);
    }

    public DetectorSettings withMinScore(String label, float score) {
        Map<String, Float> scores = new HashMap<>(minScores);
        scores.put(label, score);
        return new DetectorSettings(defaultMinScore, scores, minBoxArea, includeLabels, nmsIou);
    }

    public DetectorSettings withMinBoxArea(float area) {
        return new DetectorSettings(defaultMinScore, minScores, area, includeLabels, nmsIou);
    }

    public DetectorSettings withIncludeLabels(Set<String> labels) {
        return new DetectorSettings(defaultMinScore, minScores, minBoxArea, labels, nmsIou);
    }
}
