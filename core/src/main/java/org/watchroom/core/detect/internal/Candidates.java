package org.watchroom.core.detect.internal;

import java.util.Arrays;

/**
 * The boxes a decoder produced for one frame, before NMS: parallel primitive arrays (corner coordinates,
 * score, class, optional 5 landmarks) that grow when a frame has more candidates than any before and are
 * otherwise reused, so decoding allocates nothing in steady state.
 *
 * <p>Thread-safety: none; owned by one detector.
 */
public final class Candidates {
    public static final int LANDMARK_FLOATS = 10;

    private float[] x1 = new float[64];
    private float[] y1 = new float[64];
    private float[] x2 = new float[64];
    private float[] y2 = new float[64];
    private float[] score = new float[64];
    private int[] classId = new int[64];
    private float[] landmarks = new float[64 * LANDMARK_FLOATS];
    private boolean[] hasLandmarks = new boolean[64];
    private int size;

    public void clear() { size = 0; }

    public int size() { return size; }

    /** Adds a box given by its corners; returns its index (for {@link #landmark}). */
    public int add(float left, float top, float right, float bottom, float confidence, int cls) {
        if (size == score.length) {
            grow();
        }
        int i = size++;
        x1[i] = left;
        y1[i] = top;
        x2[i] = right;
        y2[i] = bottom;
        score[i] = confidence;
        classId[i] = cls;
        hasLandmarks[i] = false;
        return i;
    }

    /** Adds a box given by its centre and size. */
    public int addCenter(float cx, float cy, float w, float h, float confidence, int cls) {
        return add(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, confidence, cls);
    }

    /** Sets landmark {@code k} (0..4) of candidate {@code i}. */
    public void landmark(int i, int k, float x, float y) {
        hasLandmarks[i] = true;
        landmarks[i * LANDMARK_FLOATS + 2 * k] = x;
        landmarks[i * LANDMARK_FLOATS + 2 * k + 1] = y;
    }

    /** Maps every coordinate from network-input pixels to source pixels and clips boxes to the frame. */
    public void toSource(FrameGeometry g) {
        for (int i = 0; i < size; i++) {
            x1[i] = clamp(g.sourceX(x1[i]), g.sourceWidth());
            y1[i] = clamp(g.sourceY(y1[i]), g.sourceHeight());
            x2[i] = clamp(g.sourceX(x2[i]), g.sourceWidth());
            y2[i] = clamp(g.sourceY(y2[i]), g.sourceHeight());
            if (hasLandmarks[i]) {
                for (int k = 0; k < LANDMARK_FLOATS; k += 2) {
                    int at = i * LANDMARK_FLOATS + k;
                    landmarks[at] = g.sourceX(landmarks[at]);
                    landmarks[at + 1] = g.sourceY(landmarks[at + 1]);
                }
            }
        }
    }

    private static float clamp(float v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    public float x1(int i) { return x1[i]; }

    public float y1(int i) { return y1[i]; }

    public float x2(int i) { return x2[i]; }

    public float y2(int i) { return y2[i]; }

    public float score(int i) { return score[i]; }

    public int classId(int i) { return classId[i]; }

    public float area(int i) { return Math.max(0, x2[i] - x1[i]) * Math.max(0, y2[i] - y1[i]); }

    public boolean hasLandmarks(int i) { return hasLandmarks[i]; }

    /** A fresh copy of candidate {@code i}'s landmarks (part of the result, so allocated). */
    public float[] landmarksOf(int i) {
        return hasLandmarks[i] ? Arrays.copyOfRange(landmarks, i * LANDMARK_FLOATS, (i + 1) * LANDMARK_FLOATS) : null;
    }

    /** Intersection over union of candidates {@code a} and {@code b}. */
    public float iou(int a, int b) {
        float iw = Math.min(x2[a], x2[b]) - Math.max(x1[a], x1[b]);
        float ih = Math.min(y2[a], y2[b]) - Math.max(y1[a], y1[b]);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        float inter = iw * ih;
        return inter / (area(a) + area(b) - inter);
    }

    private void grow() {
        int n = score.length * 2;
        x1 = Arrays.copyOf(x1, n);
        y1 = Arrays.copyOf(y1, n);
        x2 = Arrays.copyOf(x2, n);
        y2 = Arrays.copyOf(y2, n);
        score = Arrays.copyOf(score, n);
        classId = Arrays.copyOf(classId, n);
        landmarks = Arrays.copyOf(landmarks, n * LANDMARK_FLOATS);
        hasLandmarks = Arrays.copyOf(hasLandmarks, n);
    }
}
