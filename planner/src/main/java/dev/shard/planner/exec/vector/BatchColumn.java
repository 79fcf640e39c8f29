package dev.shard.planner.exec.vector;

import dev.shard.planner.type.DataType;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The values of one column for a run of rows, in a primitive array of its type: INT in
 * {@code longs}, DOUBLE in {@code doubles}, BOOL in {@code booleans}, STRING in
 * {@code strings}. {@code nulls[i]} marks a null row; when {@code hasNulls} is false no
 * row is null and {@code nulls} may be stale, so loops skip null work entirely.
 * Evaluators own their output column and refill it for every batch: no per-row objects
 * except the strings themselves.
 *
 * <p>A scanned fixed-width column may instead be in the mapped form ({@link #mapped()} not
 * null): its values stay in the Arrow buffer of the shared mapping and the arrays are stale.
 * Operators with an in-place loop read {@link MappedValues}; every other reader goes through
 * {@link ColumnBatch#column(int)} or {@link #heap()}, which turn it into the heap form first.
 */
public final class BatchColumn implements Serializable {
    private static final long serialVersionUID = 2L;
    private final DataType type;
    /** The arrays travel in {@link BatchColumnCodec}'s compact form, not as Java-serialized arrays. */
    public transient long[] longs;
    public transient double[] doubles;
    public transient boolean[] booleans;
    public transient String[] strings;
    public transient boolean[] nulls;
    public boolean hasNulls;
    /** Non-null while the values are read in place from a mapping (then the value arrays are stale). */
    private transient MappedValues mapped;

    public BatchColumn(DataType type, int capacity) {
        this.type = type;
        switch (type) {
            case INT -> longs = new long[capacity];
            case DOUBLE -> doubles = new double[capacity];
            case BOOL -> booleans = new boolean[capacity];
            case STRING -> strings = new String[capacity];
        }
        nulls = new boolean[capacity];
    }

    /** The mapped form, or null in the heap form. */
    public MappedValues mapped() {
        return mapped;
    }

    /** Reads the values in place from {@code values} until the next {@link #heap()}; nulls are set apart. */
    public void mapTo(MappedValues values) {
        mapped = values;
    }

    /** The heap form: a mapped column's values are copied into the arrays now (counted). Returns this. */
    public BatchColumn heap() {
        MappedValues values = mapped;
        if (values != null) {
            mapped = null;
            values.copyInto(this);
        }
        return this;
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        heap();
        out.defaultWriteObject();
        BatchColumnCodec.write(this, out);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        BatchColumnCodec.read(this, in);
    }

    public DataType type() {
        return type;
    }

    public int capacity() {
        return nulls.length;
    }

    public boolean isNull(int row) {
        return hasNulls && nulls[row];
    }

    /** Grows to at least {@code capacity} rows, keeping the values: for tables built row by row. */
    public void ensureCapacity(int capacity) {
        heap();
        if (capacity <= nulls.length) {
            return;
        }
        int size = Math.max(capacity, nulls.length * 2);
        nulls = Arrays.copyOf(nulls, size);
        switch (type) {
            case INT -> longs = Arrays.copyOf(longs, size);
            case DOUBLE -> doubles = Arrays.copyOf(doubles, size);
            case BOOL -> booleans = Arrays.copyOf(booleans, size);
            case STRING -> strings = Arrays.copyOf(strings, size);
        }
    }

    /** Copies row {@code from} of {@code source} (same type) into row {@code to}. */
    public void copyRow(BatchColumn source, int from, int to) {
        source.heap();
        boolean isNull = source.isNull(from);
        nulls[to] = isNull;
        hasNulls |= isNull;
        switch (type) {
            case INT -> longs[to] = source.longs[from];
            case DOUBLE -> doubles[to] = source.doubles[from];
            case BOOL -> booleans[to] = source.booleans[from];
            case STRING -> strings[to] = source.strings[from];
        }
    }

    /** Marks row {@code row} null (its value is left as it is and must not be read). */
    public void setNull(int row) {
        nulls[row] = true;
        hasNulls = true;
    }

    /** The value at {@code row} boxed, or null: for tests, reference checks and small results only. */
    public Object get(int row) {
        if (isNull(row)) {
            return null;
        }
        heap();
        return switch (type) {
            case INT -> longs[row];
            case DOUBLE -> doubles[row];
            case BOOL -> booleans[row];
            case STRING -> strings[row];
        };
    }

    /** Sets a boxed value (Long, Double, Boolean, String) or null: for tests and small results only. */
    public void set(int row, Object value) {
        heap();
        if (value == null) {
            setNull(row);
            return;
        }
        nulls[row] = false;
        switch (type) {
            case INT -> longs[row] = ((Number) value).longValue();
            case DOUBLE -> doubles[row] = ((Number) value).doubleValue();
            case BOOL -> booleans[row] = (Boolean) value;
            case STRING -> strings[row] = (String) value;
        }
    }

    /** A copy of the first {@code rows} rows, sized exactly: what leaves a worker. */
    public BatchColumn trimmed(int rows) {
        heap();
        BatchColumn copy = new BatchColumn(type, 0);
        copy.nulls = Arrays.copyOf(nulls, rows);
        copy.hasNulls = hasNulls;
        switch (type) {
            case INT -> copy.longs = Arrays.copyOf(longs, rows);
            case DOUBLE -> copy.doubles = Arrays.copyOf(doubles, rows);
            case BOOL -> copy.booleans = Arrays.copyOf(booleans, rows);
            case STRING -> copy.strings = Arrays.copyOf(strings, rows);
        }
        return copy;
    }
}
