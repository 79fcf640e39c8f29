package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Schema;
import java.util.Arrays;

/**
 * Rows a {@link TableKernel} appends: {@link #addRow()} starts a row (every value null
 * until set), then the setters fill its columns by index in the output schema.
 */
public final class TableBuilder {
    private final Schema schema;
    private final BatchColumn[] columns;
    private int rows;

    public TableBuilder(Schema schema) {
        this.schema = schema;
        this.columns = schema.fields().stream().map(f -> new BatchColumn(f.type(), 1024)).toArray(BatchColumn[]::new);
    }

    public Schema schema() {
        return schema;
    }

    /** Starts a new row with every value null; returns its index. */
    public int addRow() {
        for (BatchColumn column : columns) {
            column.ensureCapacity(rows + 1);
            column.setNull(rows);
        }
        return rows++;
    }

    public void setLong(int column, long value) {
        target(column, DataType.INT).longs[rows - 1] = value;
    }

    public void setDouble(int column, double value) {
        target(column, DataType.DOUBLE).doubles[rows - 1] = value;
    }

    public void setBoolean(int column, boolean value) {
        target(column, DataType.BOOL).booleans[rows - 1] = value;
    }

    public void setString(int column, String value) {
        if (value == null) {
            return;
        }
        target(column, DataType.STRING).strings[rows - 1] = value;
    }

    public int rows() {
        return rows;
    }

    private BatchColumn target(int index, DataType type) {
        if (rows == 0) {
            throw new IllegalStateException("TableBuilder: call addRow() before setting values");
        }
        BatchColumn column = columns[index];
        if (column.type() != type) {
            throw new IllegalArgumentException("TableBuilder: column " + index + " ('"
                    + schema.fields().get(index).name() + "') is " + column.type().displayName() + ", not "
                    + type.displayName() + ": use the setter of its type");
        }
        column.nulls[rows - 1] = false;
        return column;
    }

    /** The rows so far as a table, and starts afresh. */
    public ColumnTable drain() {
        ColumnTable table = new ColumnTable(schema, rows, Arrays.stream(columns).map(c -> c.trimmed(rows)).toList());
        for (BatchColumn column : columns) {
            column.hasNulls = false;
        }
        rows = 0;
        return table;
    }
}
