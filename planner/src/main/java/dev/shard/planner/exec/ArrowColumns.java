package dev.shard.planner.exec;

import dev.shard.planner.PlanException;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.type.DataType;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Arrow vectors ↔ batch columns: which Arrow types read as which engine type, and the copies both ways. */
public final class ArrowColumns {
    private ArrowColumns() {
    }

    /** The engine type an Arrow column reads as, or a PlanException naming the column and its type. */
    public static DataType typeOf(org.apache.arrow.vector.types.pojo.Field field) {
        ArrowType type = field.getType();
        return switch (type) {
            case ArrowType.Int integer -> DataType.INT;
            case ArrowType.FloatingPoint floating -> DataType.DOUBLE;
            case ArrowType.Bool bool -> DataType.BOOL;
            case ArrowType.Utf8 utf8 -> DataType.STRING;
            default -> throw new PlanException("column '" + field.getName() + "' has Arrow type " + type
                    + ", which the engine does not read", "cast it to int64, float64, bool or utf8 before writing");
        };
    }

    /** Reads {@code size} values from {@code offset} of {@code vector} into rows 0.. of {@code out}. */
    static void read(FieldVector vector, int offset, int size, BatchColumn out) {
        ArrowColumnReader.of(vector, ArrowColumnReader::wrap).read(offset, size, out);
    }

    /**
     * The general path, one value at a time through the vector (booleans, strings, and
     * buffers that cannot be viewed as memory). Nulls come from the rows read, never from
     * {@code getNullCount()}, which would count the whole record batch's bitmap.
     */
    static void readPerValue(FieldVector vector, int offset, int size, BatchColumn out) {
        boolean nulls = false;
        for (int i = 0; i < size; i++) {
            boolean isNull = vector.isNull(offset + i);
            out.nulls[i] = isNull;
            nulls |= isNull;
        }
        out.hasNulls = nulls;
        ArrowBuf data = vector.getDataBuffer();
        switch (vector) {
            case BigIntVector v -> {
                for (int i = 0; i < size; i++) {
                    out.longs[i] = data.getLong((offset + i) * 8L);
                }
            }
            case IntVector v -> {
                for (int i = 0; i < size; i++) {
                    out.longs[i] = data.getInt((offset + i) * 4L);
                }
            }
            case SmallIntVector v -> {
                for (int i = 0; i < size; i++) {
                    out.longs[i] = data.getShort((offset + i) * 2L);
                }
            }
            case TinyIntVector v -> {
                for (int i = 0; i < size; i++) {
                    out.longs[i] = data.getByte(offset + i);
                }
            }
            case Float8Vector v -> {
                for (int i = 0; i < size; i++) {
                    out.doubles[i] = data.getDouble((offset + i) * 8L);
                }
            }
            case Float4Vector v -> {
                for (int i = 0; i < size; i++) {
                    out.doubles[i] = data.getFloat((offset + i) * 4L);
                }
            }
            case BitVector v -> {
                for (int i = 0; i < size; i++) {
                    out.booleans[i] = !v.isNull(offset + i) && v.get(offset + i) != 0;
                }
            }
            case VarCharVector v -> {
                for (int i = 0; i < size; i++) {
                    out.strings[i] = v.isNull(offset + i) ? null : new String(v.get(offset + i),
                            StandardCharsets.UTF_8);
                }
            }
            default -> throw new PlanException("column '" + vector.getName() + "' is a " + vector.getClass()
                    .getSimpleName() + ", which the engine does not read", "use int64, float64, bool or utf8");
        }
    }

    /** Writes rows {@code [0, rows)} of {@code column} into a freshly allocated {@code vector}. */
    public static void write(BatchColumn column, int rows, FieldVector vector) {
        write(column, 0, rows, vector);
    }

    /** Rows {@code from} to {@code from + rows} of {@code column} as the whole of {@code vector} (reallocated). */
    public static void write(BatchColumn column, int from, int rows, FieldVector vector) {
        vector.setInitialCapacity(rows);
        vector.allocateNew();
        for (int r = 0; r < rows; r++) {
            int at = from + r;
            if (column.isNull(at)) {
                vector.setNull(r);
                continue;
            }
            switch (vector) {
                case BigIntVector v -> v.set(r, column.longs[at]);
                case Float8Vector v -> v.set(r, column.doubles[at]);
                case BitVector v -> v.set(r, column.booleans[at] ? 1 : 0);
                case VarCharVector v -> v.setSafe(r, column.strings[at].getBytes(StandardCharsets.UTF_8));
                default -> throw new IllegalStateException("no writer for " + vector.getClass().getSimpleName());
            }
        }
        vector.setValueCount(rows);
    }

    /** The Arrow type a column of {@code type} is written as. */
    public static ArrowType arrowType(DataType type) {
        return switch (type) {
            case INT -> new ArrowType.Int(64, true);
            case DOUBLE -> new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE);
            case BOOL -> ArrowType.Bool.INSTANCE;
            case STRING -> ArrowType.Utf8.INSTANCE;
        };
    }
}
