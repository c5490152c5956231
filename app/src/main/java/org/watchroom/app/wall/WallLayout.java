package org.watchroom.app.wall;

/**
 * Grid choices for the wall: square grids 1×1 to 5×5, and one large tile with 5, 7 or 12 small ones around it (the
 * first camera of the page is the large one). AUTO picks the smallest square grid that holds every camera, up to 5×5,
 * and drops rows that would stay empty. Cameras beyond what a layout holds go on further pages.
 *
 * <p>Thread-safety: immutable.
 */
public enum WallLayout {
    AUTO(0, 0, "Auto"),
    ONE(1, 0, "1×1"),
    TWO(2, 0, "2×2"),
    THREE(3, 0, "3×3"),
    FOUR(4, 0, "4×4"),
    FIVE(5, 0, "5×5"),
    /** 3×3 grid, the large tile spans 2×2. */
    LARGE_AND_5(3, 2, "1 large + 5"),
    /** 4×4 grid, the large tile spans 3×3. */
    LARGE_AND_7(4, 3, "1 large + 7"),
    /** 4×4 grid, the large tile spans 2×2. */
    LARGE_AND_12(4, 2, "1 large + 12");

    /** The largest grid AUTO picks; more cameras go on pages. */
    static final int AUTO_MAX = 5;

    /** Where a tile sits: column and row of its top-left cell, and how many cells it spans each way. */
    public record Cell(int column, int row, int span) { }

    private final int columns;
    /** Cells the large tile spans each way; 0 for a plain grid. */
    private final int large;
    private final String label;

    WallLayout(int columns, int large, String label) {
        this.columns = columns;
        this.large = large;
        this.label = label;
    }

    /** Columns (= rows of the grid's cells) for a page of {@code cameras} tiles. */
    public int columnsFor(int cameras) {
        if (columns > 0) {
            return columns;
        }
        return Math.max(1, Math.min(AUTO_MAX, (int) Math.ceil(Math.sqrt(Math.max(1, cameras)))));
    }

    /** Rows for {@code cameras} tiles: AUTO drops empty rows (5 cameras → 3×2), fixed grids stay square. */
    public int rowsFor(int cameras) {
        int cols = columnsFor(cameras);
        return columns > 0 ? cols : Math.max(1, Math.min(cols, (cameras + cols - 1) / cols));
    }

    /** How many tiles one page shows when {@code cameras} run. */
    public int tilesPerPage(int cameras) {
        int cols = columnsFor(cameras);
        int cells = cols * rowsFor(cameras);
        return large == 0 ? cells : cells - large * large + 1;
    }

    /** Where the {@code index}th tile of a page goes ({@code 0 ≤ index < tilesPerPage}). */
    public Cell cell(int index, int cameras) {
        int cols = columnsFor(cameras);
        if (large == 0) {
            return new Cell(index % cols, index / cols, 1);
        }
        if (index == 0) {
            return new Cell(0, 0, large);
        }
        int seen = 0; // the small tiles fill the cells the large one leaves, row by row
        for (int row = 0; row < cols; row++) {
            for (int column = 0; column < cols; column++) {
                if (row < large && column < large) {
                    continue;
                }
                if (++seen == index) {
                    return new Cell(column, row, 1);
                }
            }
        }
        throw new IndexOutOfBoundsException("Tile " + index + " of a page of " + tilesPerPage(cameras));
    }

    @Override
    public String toString() { return label; }
}
