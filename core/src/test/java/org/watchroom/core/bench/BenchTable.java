package org.watchroom.core.bench;

import java.util.Arrays;
import java.util.List;

/** Markdown tables on standard output, so that benchmark results paste into docs/performance.md as they are. */
public final class BenchTable {
    private BenchTable() {
    }

    /** Prints a header, a rule and the rows; a column whose header and cells are all empty is left out. */
    public static void print(String[] header, List<String[]> rows) {
        int[] widths = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            widths[c] = header[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        printRow(header, widths);
        String[] rule = new String[header.length];
        for (int c = 0; c < header.length; c++) {
            rule[c] = "-".repeat(widths[c]);
        }
        printRow(rule, widths);
        rows.forEach(row -> printRow(row, widths));
    }

    private static void printRow(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int c = 0; c < cells.length; c++) {
            if (widths[c] == 0) {
                continue;
            }
            line.append(' ').append(c == 0 ? pad(cells[c], widths[c], true) : pad(cells[c], widths[c], false))
                    .append(" |");
        }
        System.out.println(line);
    }

    private static String pad(String text, int width, boolean left) {
        String spaces = " ".repeat(width - text.length());
        return left ? text + spaces : spaces + text;
    }

    /** Nearest-rank percentile of {@code values} (not changed: a sorted copy is used). */
    public static double percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p * sorted.length) - 1));
        return sorted[index];
    }
}
