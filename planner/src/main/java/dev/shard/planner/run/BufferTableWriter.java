package dev.shard.planner.run;

import dev.shard.planner.PlanException;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.logical.WriteTarget;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A query's result into a shared output buffer, on the driver: every column is checked against
 * the buffer's shape and element type, and for nulls, before the first value is written, so a
 * refused write changes nothing. Conversions are exact or refused: INT into DOUBLE up to 2^53,
 * INT into an INT buffer within 32 bits, BOOL into DOUBLE as 1/0 or into a LOGICAL buffer.
 *
 * <p>Rows arrive in runs ({@link #check}, then {@link #write}, each over every run in order), so
 * a result streamed from the stage files is checked in one pass and written in a second without
 * being gathered (see StreamedWrite); a gathered table is one run.
 */
final class BufferTableWriter implements AutoCloseable {
    private static final long EXACT_DOUBLE_INTEGER = 1L << 53;

    private final Schema schema;
    private final WriteTarget.OutputBuffer target;
    private final OutputBuffer buffer;
    private final long rows;

    /** Opens the buffer for a result of {@code rows} rows and checks its shape and the columns' types. */
    BufferTableWriter(Schema schema, long rows, WriteTarget.OutputBuffer target) {
        this.schema = schema;
        this.target = target;
        this.rows = rows;
        this.buffer = OutputBuffer.open(Path.of(target.path()));
        try {
            checkShape();
            for (Field field : schema.fields()) {
                checkType(field);
            }
        } catch (RuntimeException e) {
            buffer.close();
            throw e;
        }
    }

    static void write(ColumnTable table, WriteTarget.OutputBuffer target) {
        try (BufferTableWriter writer = new BufferTableWriter(table.schema(), table.rows(), target)) {
            writer.check(table.columns(), 0, table.rows(), 0);
            writer.write(table.columns(), 0, table.rows(), 0);
        }
    }

    @Override
    public void close() {
        buffer.close();
    }

    private void checkShape() {
        int columns = schema.size();
        long[] dims = buffer.dims();
        boolean fits = dims.length == 1 ? columns == 1 && dims[0] == rows
                : dims.length == 2 && dims[0] == rows && dims[1] == columns;
        if (!fits) {
            throw new PlanException("write: the result has " + rows + " rows × " + columns
                    + " columns but " + target.describe() + " is " + Arrays.toString(dims),
                    "make the buffer " + (columns == 1 ? "a vector of " + rows + " elements or " : "")
                            + "a " + rows + " × " + columns + " matrix, or select the columns it should hold");
        }
    }

    private void checkType(Field field) {
        boolean accepted = switch (buffer.type()) {
            case DOUBLE -> field.type() != DataType.STRING;
            case LONG, INT -> field.type() == DataType.INT;
            case LOGICAL -> field.type() == DataType.BOOL;
            case RAW -> false;
        };
        if (!accepted) {
            throw new PlanException(where(field) + ": a " + field.type() + " column cannot be stored without loss",
                    "cast it (int(x), double(x)) or use a buffer of the matching type");
        }
    }

    private String where(Field field) {
        return "write: column '" + field.name() + "' into " + target.describe() + " ("
                + buffer.type().displayName() + ")";
    }

    /** Refuses nulls and values the buffer cannot hold exactly in rows {@code from}.. of {@code columns}, result rows {@code firstRow}... */
    void check(List<BatchColumn> columns, int from, int count, long firstRow) {
        for (int c = 0; c < schema.size(); c++) {
            Field field = schema.fields().get(c);
            BatchColumn column = columns.get(c);
            for (int r = 0; r < count; r++) {
                if (column.isNull(from + r)) {
                    throw new PlanException(where(field) + ": row " + (firstRow + r) + " is null, and a buffer holds"
                            + " no nulls", "filter the null rows out first (not is_null(" + field.name()
                            + ")) or replace them (coalesce(" + field.name() + ", 0))");
                }
            }
            if (field.type() == DataType.INT && buffer.type() == ElementType.DOUBLE) {
                checkRange(column, from, count, firstRow, -EXACT_DOUBLE_INTEGER, EXACT_DOUBLE_INTEGER,
                        where(field) + ": a value is beyond ±2^53, which a double cannot hold exactly");
            } else if (buffer.type() == ElementType.INT) {
                checkRange(column, from, count, firstRow, Integer.MIN_VALUE, Integer.MAX_VALUE,
                        where(field) + ": a value does not fit 32 bits");
            }
        }
    }

    private static void checkRange(BatchColumn column, int from, int count, long firstRow, long low, long high,
            String refusal) {
        for (int r = 0; r < count; r++) {
            long value = column.longs[from + r];
            if (value < low || value > high) {
                throw new PlanException(refusal + " (row " + (firstRow + r) + ": " + value + ")",
                        "use a LONG buffer, or derive a smaller value");
            }
        }
    }

    /** Writes rows {@code from}.. of {@code columns} as result rows {@code firstRow}..., column-major. */
    void write(List<BatchColumn> columns, int from, int count, long firstRow) {
        for (int c = 0; c < schema.size(); c++) {
            write(columns.get(c), from, count, (long) c * rows + firstRow);
        }
    }

    private void write(BatchColumn column, int from, int count, long offset) {
        for (int r = 0; r < count; r++) {
            long index = offset + r;
            int row = from + r;
            switch (buffer.type()) {
                case DOUBLE -> buffer.setDouble(index, switch (column.type()) {
                    case DOUBLE -> column.doubles[row];
                    case INT -> column.longs[row];
                    case BOOL -> column.booleans[row] ? 1 : 0;
                    case STRING -> throw new IllegalStateException("checked before writing");
                });
                case LONG -> buffer.setLong(index, column.longs[row]);
                case INT -> buffer.setInt(index, (int) column.longs[row]);
                case LOGICAL -> buffer.setLogical(index, column.booleans[row]);
                case RAW -> throw new IllegalStateException("checked before writing");
            }
        }
    }
}
