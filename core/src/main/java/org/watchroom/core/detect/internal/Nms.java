package org.watchroom.core.detect.internal;

import java.util.Arrays;

/**
 * Greedy, class-aware non-maximum suppression: boxes are taken best score first, and a box is dropped when
 * it overlaps an already kept box <em>of the same class</em> by more than the IoU threshold. A person in
 * front of a car keeps both boxes; two boxes on one person collapse to one. Also drops boxes below a minimum
 * area, so callers get the final list in one pass. Work arrays are reused.
 *
 * <p>Thread-safety: none; owned by one detector.
 */
public final class Nms {
    private long[] order = new long[64];
    private boolean[] dropped = new boolean[64];
    private int[] kept = new int[64];
    private int keptCount;

    /** Runs NMS over {@code c}; read the survivors with {@link #count()} and {@link #kept(int)}. */
    public void run(Candidates c, float iouThreshold, float minArea) {
        int n = c.size();
        if (order.length < n) {
            int cap = Math.max(n, order.length * 2);
            order = new long[cap];
            dropped = new boolean[cap];
            kept = new int[cap];
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (c.area(i) > 0 && c.area(i) >= minArea) {
                // Scores are non-negative floats, whose bit patterns sort like the values: sort (score, index)
                // packed into longs, a primitive sort that needs no boxed comparator.
                order[m++] = ((long) Float.floatToIntBits(Math.max(0f, c.score(i))) << 32) | i;
            }
        }
        Arrays.sort(order, 0, m);
        Arrays.fill(dropped, 0, m, false);
        keptCount = 0;
        for (int a = m - 1; a >= 0; a--) {
            if (dropped[a]) {
                continue;
            }
            int i = (int) order[a];
            kept[keptCount++] = i;
            for (int b = a - 1; b >= 0; b--) {
                if (!dropped[b]) {
                    int j = (int) order[b];
                    if (c.classId(j) == c.classId(i) && c.iou(i, j) > iouThreshold) {
                        dropped[b] = true;
                    }
                }
            }
        }
    }

    public int count() { return keptCount; }

    /** Index into the candidates of the {@code k}-th survivor, best score first. */
    public int kept(int k) { return kept[k]; }
}
