package dev.shard.dsl.run;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A result as an aligned text table: the first {@link #MAX_ROWS} rows, then the row count. Numbers align right. */
public final class TablePrinter {
    public static final int MAX_ROWS = 40;

    private TablePrinter() {
    }

    public static void print(ColumnTable table, PrintStream out) {
        int shown = Math.min(table.rows(), MAX_ROWS);
        int columns = table.columns().size();
        List<String[]> cells = new ArrayList<>();
        cells.add(table.schema().names().toArray(String[]::new));
        for (int r = 0; r < shown; r++) {
            String[] line = new String[columns];
            for (int c = 0; c < columns; c++) {
                line[c] = cell(table.columns().get(c), r);
            }
            cells.add(line);
        }
        int[] widths = new int[columns];
        for (String[] line : cells) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                boolean right = table.columns().get(c).type().isNumeric() && line != cells.getFirst();
                String padding = " ".repeat(widths[c] - line[c].length());
                text.append(c == 0 ? "" : "  ").append(right ? padding + line[c] : line[c] + padding);
            }
            out.println(text.toString().stripTrailing());
        }
        out.println(table.rows() > shown ? "(" + table.rows() + " rows, first " + shown + " shown)"
                : "(" + table.rows() + (table.rows() == 1 ? " row)" : " rows)"));
    }

    private static String cell(BatchColumn column, int row) {
        if (column.isNull(row)) {
            return "null";
        }
        return switch (column.type()) {
            case INT -> Long.toString(column.longs[row]);
            case DOUBLE -> Double.toString(column.doubles[row]);
            case BOOL -> Boolean.toString(column.booleans[row]);
            case STRING -> column.strings[row];
        };
    }
}
