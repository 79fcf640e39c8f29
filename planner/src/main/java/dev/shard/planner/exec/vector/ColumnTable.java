package dev.shard.planner.exec.vector;

import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** A small, complete table on the heap: what the driver holds after a merge, or a shard's rows. */
public record ColumnTable(Schema schema, int rows, List<BatchColumn> columns) implements Serializable {
    public ColumnTable {
        columns = List.copyOf(columns);
        if (columns.size() != schema.size()) {
            throw new IllegalArgumentException(columns.size() + " columns for a schema of " + schema.size());
        }
    }

    public BatchColumn column(String name) {
        return columns.get(schema.indexOf(name));
    }

    /** Row {@code row} boxed: for tests and printing only. */
    public List<Object> row(int row) {
        List<Object> values = new ArrayList<>();
        for (BatchColumn column : columns) {
            values.add(column.get(row));
        }
        return values;
    }

    /** This table's rows followed by {@code other}'s (same schema). */
    public static ColumnTable concatenate(Schema schema, List<ColumnTable> parts) {
        int total = parts.stream().mapToInt(ColumnTable::rows).sum();
        List<BatchColumn> columns = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            BatchColumn column = new BatchColumn(schema.fields().get(c).type(), total);
            int at = 0;
            for (ColumnTable part : parts) {
                BatchColumn source = part.columns().get(c);
                for (int r = 0; r < part.rows(); r++) {
                    column.copyRow(source, r, at++);
                }
            }
            columns.add(column);
        }
        return new ColumnTable(schema, total, columns);
    }
}
