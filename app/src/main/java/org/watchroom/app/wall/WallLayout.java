package org.watchroom.app.wall;

/**
 * Grid choices for the wall; AUTO picks the smallest square grid that holds every camera (up to 4×4) and
 * drops rows that would stay empty.
 */
public enum WallLayout {
    AUTO(0, "Auto"), ONE(1, "1×1"), TWO(2, "2×2"), THREE(3, "3×3"), FOUR(4, "4×4");

    private final int columns;
    private final String label;

    WallLayout(int columns, String label) {
        this.columns = columns;
        this.label = label;
    }

    /** Columns (= rows) for {@code cameras} tiles. */
    public int columnsFor(int cameras) {
        if (columns > 0) {
            return columns;
        }
        return Math.max(1, Math.min(4, (int) Math.ceil(Math.sqrt(Math.max(1, cameras)))));
    }

    /** Rows for {@code cameras} tiles: AUTO drops empty rows (5 cameras → 3×2), fixed grids stay square. */
    public int rowsFor(int cameras) {
        int cols = columnsFor(cameras);
        return columns > 0 ? cols : Math.max(1, Math.min(cols, (cameras + cols - 1) / cols));
    }

    @Override
    public String toString() { return label; }
}
