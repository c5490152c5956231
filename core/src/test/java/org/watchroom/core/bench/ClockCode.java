package org.watchroom.core.bench;

import java.util.Optional;

/**
 * Reads the clock code that the test RTSP server's {@code /clock} mount draws on each frame (see
 * {@code rtsp_server.py}): a magenta border around an 8x4 grid of black or white cells, row by row with the least
 * significant bit first; bits 0-23 are the wall-clock time in ms (modulo 2^24) at which the frame entered the
 * encoder, bits 24-31 the three time bytes XOR 0xA5. Works on the picture as a player shows it, at any scale: the
 * cells are sampled at their centres, proportionally to the border's box.
 *
 * <p>Thread-safety: stateless.
 */
public final class ClockCode {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 360;
    public static final int BORDER = 24;
    public static final int COLS = 8;
    public static final int ROWS = 4;
    public static final int CELL_WIDTH = (WIDTH - 2 * BORDER) / COLS;
    public static final int CELL_HEIGHT = (HEIGHT - 2 * BORDER) / ROWS;
    static final long MODULUS = 1L << 24;
    /** Rows and columns with fewer magenta pixels than this are not the border (a stray pixel elsewhere). */
    private static final int MIN_BORDER_RUN = 24;

    private ClockCode() {
    }

    /** Where a picture lies on the screen or in a grab, in pixels. */
    public record Region(int x, int y, int width, int height) {
        /** The same region with an even width and height (what x11grab and most pixel formats want). */
        public Region even() { return new Region(x, y, width & ~1, height & ~1); }
    }

    /** The box of the code's magenta border in an RGB24 picture, if one is there. */
    public static Optional<Region> locate(byte[] rgb, int width, int height) {
        int[] perRow = new int[height];
        int[] perColumn = new int[width];
        for (int y = 0; y < height; y++) {
            int row = y * width * 3;
            for (int x = 0; x < width; x++) {
                int i = row + x * 3;
                if (magenta(rgb[i] & 0xFF, rgb[i + 1] & 0xFF, rgb[i + 2] & 0xFF)) {
                    perRow[y]++;
                    perColumn[x]++;
                }
            }
        }
        int top = first(perRow);
        int left = first(perColumn);
        if (top < 0 || left < 0) {
            return Optional.empty();
        }
        Region box = new Region(left, top, last(perColumn) - left + 1, last(perRow) - top + 1);
        return box.width() >= 64 && box.height() >= 36 ? Optional.of(box) : Optional.empty();
    }

    /**
     * The time code (ms modulo 2^24) in an RGB24 picture that is exactly the code's box, or -1 when the picture
     * does not hold a whole, consistent code (no border, or a grab caught between two frames).
     */
    public static long read(byte[] rgb, int width, int height) {
        // the border must still be there (the player may have moved or gone): the middle of each side
        if (!magentaAt(rgb, width, width / 2, scale(BORDER / 2, height, HEIGHT))
                || !magentaAt(rgb, width, width / 2, height - 1 - scale(BORDER / 2, height, HEIGHT))
                || !magentaAt(rgb, width, scale(BORDER / 2, width, WIDTH), height / 2)
                || !magentaAt(rgb, width, width - 1 - scale(BORDER / 2, width, WIDTH), height / 2)) {
            return -1;
        }
        long word = 0;
        for (int row = 0; row < ROWS; row++) {
            for (int col = 0; col < COLS; col++) {
                int cx = scale(BORDER + col * CELL_WIDTH + CELL_WIDTH / 2, width, WIDTH);
                int cy = scale(BORDER + row * CELL_HEIGHT + CELL_HEIGHT / 2, height, HEIGHT);
                if (luma(rgb, width, height, cx, cy) > 128) {
                    word |= 1L << (row * COLS + col);
                }
            }
        }
        long time = word & 0xFFFFFF;
        return word == word(time) ? time : -1;
    }

    /** The pixels of {@code box} out of an RGB24 picture {@code width} pixels wide. */
    public static byte[] crop(byte[] rgb, int width, Region box) {
        byte[] out = new byte[box.width() * box.height() * 3];
        for (int y = 0; y < box.height(); y++) {
            System.arraycopy(rgb, ((box.y() + y) * width + box.x()) * 3, out, y * box.width() * 3, box.width() * 3);
        }
        return out;
    }

    /** The 32 cells' bits for {@code millis}: what {@code rtsp_server.py} draws, for a window that draws the code itself. */
    public static long word(long millis) {
        long time = millis & 0xFFFFFF;
        long check = (time & 0xFF) ^ ((time >> 8) & 0xFF) ^ (time >> 16) ^ 0xA5;
        return time | check << 24;
    }

    /** Whether the cell at {@code row}, {@code col} of {@code word} is white. */
    public static boolean cellOn(long word, int row, int col) {
        return (word >>> (row * COLS + col) & 1) != 0;
    }

    /** How long after {@code code}'s moment {@code wallMillis} is, allowing for the code's wrap every 4.6 hours. */
    public static long ageMillis(long code, long wallMillis) {
        return Math.floorMod(wallMillis - code, MODULUS);
    }

    private static int scale(int v, int size, int codeSize) {
        return (int) ((v + 0.5) * size / codeSize);
    }

    private static boolean magentaAt(byte[] rgb, int width, int x, int y) {
        int i = (y * width + x) * 3;
        return magenta(rgb[i] & 0xFF, rgb[i + 1] & 0xFF, rgb[i + 2] & 0xFF);
    }

    private static boolean magenta(int r, int g, int b) {
        return r > 160 && b > 160 && g < 110;
    }

    /** Mean luma of a 5x5 patch around (cx, cy), clipped to the picture. */
    private static int luma(byte[] rgb, int width, int height, int cx, int cy) {
        int sum = 0;
        int n = 0;
        for (int y = Math.max(0, cy - 2); y <= Math.min(height - 1, cy + 2); y++) {
            for (int x = Math.max(0, cx - 2); x <= Math.min(width - 1, cx + 2); x++) {
                int i = (y * width + x) * 3;
                sum += ((rgb[i] & 0xFF) * 77 + (rgb[i + 1] & 0xFF) * 150 + (rgb[i + 2] & 0xFF) * 29) >> 8;
                n++;
            }
        }
        return sum / n;
    }

    private static int first(int[] counts) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] >= MIN_BORDER_RUN) {
                return i;
            }
        }
        return -1;
    }

    private static int last(int[] counts) {
        for (int i = counts.length - 1; i >= 0; i--) {
            if (counts[i] >= MIN_BORDER_RUN) {
                return i;
            }
        }
        return -1;
    }
}
