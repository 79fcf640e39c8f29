package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.MappedValues;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.function.Function;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;

/**
 * One column of one Arrow record batch, read batch by batch straight from the memory of
 * its buffers. {@link #load} leaves int32, int64 and float64 values where they are (the
 * column's mapped form, {@link MappedValues}); {@link #read} and the other fixed widths copy
 * them into the column's arrays ({@link MemorySegment#copy}, bounds checked once per batch,
 * not per value). A record batch with no null at all skips its validity bits; otherwise
 * nulls are counted in place from the bits of each batch's own rows, and only a batch that
 * has some gets them as flags. Booleans and strings take {@link ArrowColumns#readPerValue}.
 */
final class ArrowColumnReader {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED
            .withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED
            .withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED
            .withOrder(ByteOrder.LITTLE_ENDIAN);

    /** How the data buffer's values become batch values; PER_VALUE is the general fallback. */
    private enum Layout { INT64, INT32, INT16, INT8, FLOAT64, FLOAT32, PER_VALUE }

    private final FieldVector vector;
    private final Layout layout;
    private final MemorySegment data;
    /** Null when the column has no validity bits (every row valid). */
    private final MemorySegment validity;
    /** The sum of the bytes {@link MappedValues#touchPages} read: kept so the JIT keeps the loads. */
    private long touched;
    /** Scratch for narrow integers on their way to the batch's longs; sized on first use. */
    private int[] ints = new int[0];
    private short[] shorts = new short[0];
    private byte[] bytes = new byte[0];
    private float[] floats = new float[0];

    private ArrowColumnReader(FieldVector vector, Layout layout, MemorySegment data, MemorySegment validity) {
        this.vector = vector;
        this.layout = layout;
        this.data = data;
        this.validity = validity;
    }

    /**
     * A reader of {@code vector}; {@code memory} gives the memory of one of its buffers, or
     * null when it cannot (then every value is read through the vector).
     */
    static ArrowColumnReader of(FieldVector vector, Function<ArrowBuf, MemorySegment> memory) {
        Layout layout = switch (vector) {
            case BigIntVector v -> Layout.INT64;
            case IntVector v -> Layout.INT32;
            case SmallIntVector v -> Layout.INT16;
            case TinyIntVector v -> Layout.INT8;
            case Float8Vector v -> Layout.FLOAT64;
            case Float4Vector v -> Layout.FLOAT32;
            default -> Layout.PER_VALUE;
        };
        if (layout == Layout.PER_VALUE) {
            return new ArrowColumnReader(vector, layout, null, null);
        }
        MemorySegment data = memory.apply(vector.getDataBuffer());
        ArrowBuf validityBuffer = vector.getValidityBuffer();
        // A record batch without nulls (the usual case) is counted once here, not again in every
        // 4,096-row batch: its readers then skip the validity bits.
        boolean noValidity = validityBuffer == null || validityBuffer.capacity() == 0 || vector.getNullCount() == 0;
        MemorySegment validity = noValidity ? null : memory.apply(validityBuffer);
        boolean unreadable = data == null || (validity == null && !noValidity);
        return unreadable ? new ArrowColumnReader(vector, Layout.PER_VALUE, null, null)
                : new ArrowColumnReader(vector, layout, data, validity);
    }

    /** The memory of {@code buffer} as a segment (no copy), or null when it is too large for a ByteBuffer view. */
    static MemorySegment wrap(ArrowBuf buffer) {
        long capacity = buffer.capacity();
        if (capacity == 0) {
            return MemorySegment.ofArray(new byte[0]);
        }
        return capacity > Integer.MAX_VALUE ? null : MemorySegment.ofBuffer(buffer.nioBuffer(0, (int) capacity));
    }

    /**
     * Rows {@code [offset, offset + size)} of the column as rows 0.. of {@code out}: read in
     * place through {@code mapped} when its width matches this column's, else copied.
     */
    void load(int offset, int size, BatchColumn out, MappedValues mapped) {
        if (mapped == null || mapped.width() != mappedWidth()) {
            read(offset, size, out);
            return;
        }
        readNulls(offset, size, out);
        mapped.point(data, offset, size);
        touched += mapped.touchPages();
        out.mapTo(mapped);
    }

    /** The width this column reads in place as, or null when it is always copied. */
    MappedValues.Width mappedWidth() {
        return switch (layout) {
            case INT64 -> MappedValues.Width.INT64;
            case INT32 -> MappedValues.Width.INT32;
            case FLOAT64 -> MappedValues.Width.FLOAT64;
            case INT16, INT8, FLOAT32, PER_VALUE -> null;
        };
    }

    /** Reads rows {@code [offset, offset + size)} of the column into rows 0.. of {@code out}, copied. */
    void read(int offset, int size, BatchColumn out) {
        out.mapTo(null);
        if (layout == Layout.PER_VALUE) {
            ArrowColumns.readPerValue(vector, offset, size, out);
            return;
        }
        readNulls(offset, size, out);
        switch (layout) {
            case INT64 -> MemorySegment.copy(data, LONG, offset * 8L, out.longs, 0, size);
            case INT32 -> {
                int[] scratch = ints.length >= size ? ints : (ints = new int[size]);
                MemorySegment.copy(data, INT, offset * 4L, scratch, 0, size);
                long[] values = out.longs;
                for (int i = 0; i < size; i++) {
                    values[i] = scratch[i];
                }
            }
            case INT16 -> {
                short[] scratch = shorts.length >= size ? shorts : (shorts = new short[size]);
                MemorySegment.copy(data, SHORT, offset * 2L, scratch, 0, size);
                long[] values = out.longs;
                for (int i = 0; i < size; i++) {
                    values[i] = scratch[i];
                }
            }
            case INT8 -> {
                byte[] scratch = bytes.length >= size ? bytes : (bytes = new byte[size]);
                MemorySegment.copy(data, ValueLayout.JAVA_BYTE, offset, scratch, 0, size);
                long[] values = out.longs;
                for (int i = 0; i < size; i++) {
                    values[i] = scratch[i];
                }
            }
            case FLOAT64 -> MemorySegment.copy(data, DOUBLE, offset * 8L, out.doubles, 0, size);
            case FLOAT32 -> {
                MemorySegment.copy(data, FLOAT, offset * 4L, scratchFloats(size), 0, size);
                double[] values = out.doubles;
                for (int i = 0; i < size; i++) {
                    values[i] = floats[i];
                }
            }
            case PER_VALUE -> throw new IllegalStateException("handled above");
        }
    }

    private float[] scratchFloats(int size) {
        return floats.length >= size ? floats : (floats = new float[size]);
    }

    private void readNulls(int offset, int size, BatchColumn out) {
        if (validity == null || ValidityBits.countSet(validity, offset, size) == size) {
            out.hasNulls = false;
            return;
        }
        out.hasNulls = true;
        boolean[] nulls = out.nulls;
        for (int i = 0; i < size; i++) {
            nulls[i] = !ValidityBits.isSet(validity, offset + i);
        }
    }
}
