package dev.shard.planner.run;

import dev.shard.planner.PlanException;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.logical.WriteTarget;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.storage.buffer.OutputBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A query's result into a shared output buffer, on the driver: every column is checked against
 * the buffer's shape and element type, and for nulls, before the first value is written, so a
 * refused write changes nothing. Conversions are exact or refused: INT into DOUBLE up to 2^53,
 * INT into an INT buffer within 32 bits, BOOL into DOUBLE as 1/0 or into a LOGICAL buffer.
 */
final class BufferTableWriter {
    private static final long EXACT_DOUBLE_INTEGER = 1L << 53;

    private BufferTableWriter() {
    }

    static void write(ColumnTable table, WriteTarget.OutputBuffer target) {
        try (OutputBuffer buffer = OutputBuffer.open(Path.of(target.path()))) {
            checkShape(table, target, buffer);
            for (int c = 0; c < table.schema().size(); c++) {
                check(table, c, target, buffer);
            }
            for (int c = 0; c < table.schema().size(); c++) {
                write(table.columns().get(c), table.rows(), (long) c * table.rows(), buffer);
            }
        }
    }

    private static void checkShape(ColumnTable table, WriteTarget.OutputBuffer target, OutputBuffer buffer) {
        int columns = table.schema().size();
        long[] dims = buffer.dims();
        boolean fits = dims.length == 1 ? columns == 1 && dims[0] == table.rows()
                : dims.length == 2 && dims[0] == table.rows() && dims[1] == columns;
        if (!fits) {
            throw new PlanException("write: the result has " + table.rows() + " rows × " + columns
                    + " columns but " + target.describe() + " is " + Arrays.toString(dims),
                    "make the buffer " + (columns == 1 ? "a vector of " + table.rows() + " elements or " : "")
                            + "a " + table.rows() + " × " + columns + " matrix, or select the columns it should hold");
        }
    }

    private static void check(ColumnTable table, int c, WriteTarget.OutputBuffer target, OutputBuffer buffer) {
        Field field = table.schema().fields().get(c);
        BatchColumn column = table.columns().get(c);
        String where = "write: column '" + field.name() + "' into " + target.describe() + " ("
                + buffer.type().displayName() + ")";
        for (int row = 0; row < table.rows(); row++) {
            if (column.isNull(row)) {
                throw new PlanException(where + ": row " + row + " is null, and a buffer holds no nulls",
                        "filter the null rows out first (not is_null(" + field.name() + ")) or replace them"
                                + " (coalesce(" + field.name() + ", 0))");
            }
        }
        boolean accepted = switch (buffer.type()) {
            case DOUBLE -> field.type() == DataType.DOUBLE || field.type() == DataType.BOOL
                    || field.type() == DataType.INT && fitsIn(column, table.rows(), -EXACT_DOUBLE_INTEGER,
                            EXACT_DOUBLE_INTEGER, where + ": a value is beyond ±2^53, which a double cannot hold exactly");
            case LONG -> field.type() == DataType.INT;
            case INT -> field.type() == DataType.INT && fitsIn(column, table.rows(), Integer.MIN_VALUE,
                    Integer.MAX_VALUE, where + ": a value does not fit 32 bits");
            case LOGICAL -> field.type() == DataType.BOOL;
            case RAW -> false;
        };
        if (!accepted) {
            throw new PlanException(where + ": a " + field.type() + " column cannot be stored without loss",
                    "cast it (int(x), double(x)) or use a buffer of the matching type");
        }
    }

    private static boolean fitsIn(BatchColumn column, int rows, long low, long high, String refusal) {
        for (int row = 0; row < rows; row++) {
            if (column.longs[row] < low || column.longs[row] > high) {
                throw new PlanException(refusal + " (row " + row + ": " + column.longs[row] + ")",
                        "use a LONG buffer, or derive a smaller value");
            }
        }
        return true;
    }

    private static void write(BatchColumn column, int rows, long offset, OutputBuffer buffer) {
        for (int row = 0; row < rows; row++) {
            long index = offset + row;
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
