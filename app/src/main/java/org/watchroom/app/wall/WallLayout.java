package org.watchroom.app.wall;

/** Grid choices for the wall; AUTO picks the smallest square grid that holds every camera (up to 4×4). */
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

    @Override
    public String toString() { return label; }
}
