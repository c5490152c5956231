package org.watchroom.core.event.track.internal;

import java.util.Arrays;

/**
 * The least-cost one-to-one assignment of rows to columns (the Hungarian method, in its shortest augmenting path
 * form, O(n²m)). SORT matches tracks to detections this way; greedy best-overlap-first matching goes wrong where
 * paths cross, which is where tracking matters most.
 *
 * <p>Thread-safety: stateless.
 */
public final class Assignment {
    private Assignment() {
    }

    /**
     * Solves the assignment for {@code cost} (rows × columns, any shape), leaving out pairs that cost
     * {@code forbidden} or more.
     *
     * @return for each row, its column, or -1 when it has none
     */
    public static int[] solve(double[][] cost, double forbidden) {
        int rows = cost.length;
        int columns = rows == 0 ? 0 : cost[0].length;
        int[] result = new int[rows];
        Arrays.fill(result, -1);
        if (rows == 0 || columns == 0) {
            return result;
        }
        boolean transpose = rows > columns; // the method below wants no more rows than columns
        int n = transpose ? columns : rows;
        int m = transpose ? rows : columns;
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] p = new int[m + 1]; // p[j]: the row (1-based) holding column j, 0 when free
        int[] way = new int[m + 1];
        double[] minv = new double[m + 1];
        boolean[] used = new boolean[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double c = (transpose ? cost[j - 1][i0 - 1] : cost[i0 - 1][j - 1]) - u[i0] - v[j];
                        if (c < minv[j]) {
                            minv[j] = c;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        for (int j = 1; j <= m; j++) {
            if (p[j] == 0) {
                continue;
            }
            int row = transpose ? j - 1 : p[j] - 1;
            int column = transpose ? p[j] - 1 : j - 1;
            if (cost[row][column] < forbidden) {
                result[row] = column;
            }
        }
        return result;
    }
}
