package org.watchroom.core.detect;

import java.nio.ByteBuffer;

/**
 * Cheap motion test before inference: samples the BGRA frame onto a small grey grid (64 columns, rows to keep
 * the aspect) and compares it with the previous sample. Motion when more than {@code minChangedFraction} of
 * the grid cells changed by more than {@code cellThreshold} grey levels. Costs a few thousand pixel reads per
 * frame and allocates nothing after the first frame of a given size.
 *
 * <p>Parts of the picture can be masked (a timestamp overlay, trees in the wind): their cells are not compared, and
 * the changed fraction is of the cells left.
 *
 * <p>Thread-safety: one detect loop only, except {@link #setMask}, which any thread may call.
 */
public final class MotionGate {
    private static final int COLUMNS = 64;
    private final int cellThreshold;
    private final double minChangedFraction;
    private int[] previous = new int[0];
    private int[] current = new int[0];
    private boolean[] masked = new boolean[0];
    private int unmasked;
    private volatile Mask mask = Mask.NONE;
    private Mask appliedMask;
    private int rows;
    private boolean primed;
    private double lastChangedFraction;

    public MotionGate(int cellThreshold, double minChangedFraction) {
        this.cellThreshold = cellThreshold;
        this.minChangedFraction = minChangedFraction;
    }

    /** Where motion does not count, in normalised picture coordinates. */
    @FunctionalInterface
    public interface Mask {
        /** Masks nothing. */
        Mask NONE = (x, y) -> false;

        boolean covers(double x, double y);
    }

    /** Masks these parts of the picture from the next frame on. */
    public void setMask(Mask newMask) {
        mask = newMask == null ? Mask.NONE : newMask;
    }

    /** Sensible defaults for CCTV: 12 grey levels, 0.3 % of the grid. */
    public static MotionGate defaults() {
        return new MotionGate(12, 0.003);
    }

    /** Samples {@code frame}; returns true when it differs enough from the last sampled frame (or is the first). */
    public boolean update(ByteBuffer bgra, int width, int height, int stride) {
        int wantedRows = Math.max(1, Math.round((float) COLUMNS * height / width));
        if (wantedRows != rows || current.length != COLUMNS * wantedRows) {
            rows = wantedRows;
            previous = new int[COLUMNS * rows];
            current = new int[COLUMNS * rows];
            primed = false;
            appliedMask = null;
        }
        Mask wanted = mask;
        if (wanted != appliedMask) {
            // only when the mask or the picture's shape changes: the grid is fixed in between
            masked = new boolean[COLUMNS * rows];
            unmasked = 0;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < COLUMNS; c++) {
                    masked[r * COLUMNS + c] = wanted.covers((c + 0.5) / COLUMNS, (r + 0.5) / rows);
                    unmasked += masked[r * COLUMNS + c] ? 0 : 1;
                }
            }
            appliedMask = wanted;
        }
        for (int r = 0; r < rows; r++) {
            int y = (int) ((r + 0.5) * height / rows);
            int rowStart = y * stride;
            for (int c = 0; c < COLUMNS; c++) {
                int x = (int) ((c + 0.5) * width / COLUMNS);
                int i = rowStart + x * 4;
                int b = bgra.get(i) & 0xFF;
                int g = bgra.get(i + 1) & 0xFF;
                int red = bgra.get(i + 2) & 0xFF;
                current[r * COLUMNS + c] = (b * 29 + g * 150 + red * 77) >> 8;
            }
        }
        int changed = 0;
        for (int i = 0; i < current.length; i++) {
            if (!masked[i] && Math.abs(current[i] - previous[i]) > cellThreshold) {
                changed++;
            }
        }
        int[] swap = previous;
        previous = current;
        current = swap;
        if (!primed) {
            primed = true;
            lastChangedFraction = 1;
            return true;
        }
        lastChangedFraction = unmasked == 0 ? 0 : (double) changed / unmasked;
        return lastChangedFraction > minChangedFraction;
    }

    /** Share of grid cells that changed at the last update (1 for the first frame). */
    double lastChangedFraction() { return lastChangedFraction; }
}
