package org.watchroom.app.wall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every layout puts each tile of a page in its own cells, inside the grid. */
class WallLayoutTest {

    @Test
    void eachLayoutHoldsItsNumberOfTilesWithoutOverlapInsideItsGrid() {
        for (WallLayout layout : WallLayout.values()) {
            for (int cameras : new int[] {1, 4, 7, 18, 40}) {
                int columns = layout.columnsFor(cameras);
                int rows = layout.rowsFor(cameras);
                Set<Integer> taken = new HashSet<>();
                for (int i = 0; i < layout.tilesPerPage(cameras); i++) {
                    WallLayout.Cell cell = layout.cell(i, cameras);
                    for (int c = cell.column(); c < cell.column() + cell.span(); c++) {
                        for (int r = cell.row(); r < cell.row() + cell.span(); r++) {
                            assertThat(c).as(layout + " tile " + i).isBetween(0, columns - 1);
                            assertThat(r).as(layout + " tile " + i).isBetween(0, rows - 1);
                            assertThat(taken.add(r * columns + c)).as(layout + " cell %d,%d twice", c, r).isTrue();
                        }
                    }
                }
                assertThat(taken).as(layout + ": every cell used").hasSize(columns * rows);
            }
        }
    }

    @Test
    void largeLayoutsAndGridsHoldWhatTheirNamesSay() {
        assertThat(WallLayout.LARGE_AND_5.tilesPerPage(30)).isEqualTo(6);
        assertThat(WallLayout.LARGE_AND_7.tilesPerPage(30)).isEqualTo(8);
        assertThat(WallLayout.LARGE_AND_12.tilesPerPage(30)).isEqualTo(13);
        assertThat(WallLayout.LARGE_AND_7.cell(0, 30)).isEqualTo(new WallLayout.Cell(0, 0, 3));
        assertThat(WallLayout.LARGE_AND_7.cell(7, 30)).isEqualTo(new WallLayout.Cell(3, 3, 1));
        assertThat(WallLayout.FIVE.tilesPerPage(3)).isEqualTo(25);
        assertThat(WallLayout.AUTO.tilesPerPage(18)).as("18 cameras: 5 across, 4 down").isEqualTo(20);
        assertThat(WallLayout.AUTO.tilesPerPage(40)).as("at most 5×5, then pages").isEqualTo(25);
    }
}
