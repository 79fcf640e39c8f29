package dev.shard.planner.exec.vector;

import dev.shard.planner.type.DataType;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The wire form of a {@link BatchColumn}'s values, used by its Java serialization: block
 * partials (a column per key and per aggregate state, every 65,536 rows) are most of what
 * a stage's workers send back. The values go as one byte array each instead of element by
 * element; INT columns whose values all fit 32 bits (keys, counts) take 4 bytes a value;
 * the nulls go only when there are some. Doubles keep their exact bits, NaN payloads too.
 *
 * <pre>
 * int rows | [rows bytes: nulls, when hasNulls] | values:
 *   INT:    byte width (4 or 8) | rows × width bytes, little-endian
 *   DOUBLE: rows × 8 bytes, little-endian raw bits
 *   BOOL:   rows bytes (0 or 1)
 *   STRING: the String[] as an object
 * </pre>
 */
final class BatchColumnCodec {
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLES = MethodHandles.byteArrayViewVarHandle(double[].class,
            ByteOrder.LITTLE_ENDIAN);

    /**
     * The bytes of the column being written: a stage writes a partial's columns one after
     * another, each copied into the stream at once, so one array per thread serves them all
     * instead of an array per column (the partials' encoding was most of a worker's allocation).
     */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);

    private BatchColumnCodec() {
    }

    /** Larger columns (whole tables, not partials) get an array of their own, not kept by the thread. */
    private static final int KEPT_SCRATCH_BYTES = 1 << 20;

    private static byte[] scratch(int length) {
        if (length > KEPT_SCRATCH_BYTES) {
            return new byte[length];
        }
        byte[] bytes = SCRATCH.get();
        if (bytes.length < length) {
            bytes = new byte[Math.min(KEPT_SCRATCH_BYTES, Math.max(length, bytes.length * 2))];
            SCRATCH.set(bytes);
        }
        return bytes;
    }

    static void write(BatchColumn column, ObjectOutputStream out) throws IOException {
        int rows = column.capacity();
        out.writeInt(rows);
        if (column.hasNulls) {
            out.write(booleanBytes(column.nulls, rows), 0, rows);
        }
        switch (column.type()) {
            case INT -> writeLongs(column.longs, rows, out);
            case DOUBLE -> {
                byte[] bytes = scratch(rows * Double.BYTES);
                for (int i = 0; i < rows; i++) {
                    DOUBLES.set(bytes, i * Double.BYTES, column.doubles[i]);
                }
                out.write(bytes, 0, rows * Double.BYTES);
            }
            case BOOL -> out.write(booleanBytes(column.booleans, rows), 0, rows);
            case STRING -> out.writeObject(column.strings);
        }
    }

    /** Fills the arrays of {@code column}, whose type and hasNulls were read already. */
    static void read(BatchColumn column, ObjectInputStream in) throws IOException, ClassNotFoundException {
        int rows = in.readInt();
        if (rows < 0) {
            throw new IOException("a column of " + rows + " rows: the stream is corrupt");
        }
        column.nulls = column.hasNulls ? booleans(readBytes(in, rows)) : new boolean[rows];
        switch (column.type()) {
            case INT -> column.longs = readLongs(in, rows);
            case DOUBLE -> {
                byte[] bytes = readBytes(in, rows * Double.BYTES);
                double[] values = new double[rows];
                for (int i = 0; i < rows; i++) {
                    values[i] = (double) DOUBLES.get(bytes, i * Double.BYTES);
                }
                column.doubles = values;
            }
            case BOOL -> column.booleans = booleans(readBytes(in, rows));
            case STRING -> column.strings = (String[]) in.readObject();
        }
    }

    private static void writeLongs(long[] values, int rows, ObjectOutputStream out) throws IOException {
        boolean narrow = true;
        for (int i = 0; i < rows; i++) {
            narrow &= values[i] == (int) values[i];
        }
        out.writeByte(narrow ? Integer.BYTES : Long.BYTES);
        int length = rows * (narrow ? Integer.BYTES : Long.BYTES);
        byte[] bytes = scratch(length);
        if (narrow) {
            for (int i = 0; i < rows; i++) {
                INTS.set(bytes, i * Integer.BYTES, (int) values[i]);
            }
        } else {
            for (int i = 0; i < rows; i++) {
                LONGS.set(bytes, i * Long.BYTES, values[i]);
            }
        }
        out.write(bytes, 0, length);
    }

    private static long[] readLongs(ObjectInputStream in, int rows) throws IOException {
        int width = in.readByte();
        if (width != Integer.BYTES && width != Long.BYTES) {
            throw new IOException("an INT column of width " + width + ": the stream is corrupt");
        }
        byte[] bytes = readBytes(in, rows * width);
        long[] values = new long[rows];
        if (width == Integer.BYTES) {
            for (int i = 0; i < rows; i++) {
                values[i] = (int) INTS.get(bytes, i * Integer.BYTES);
            }
        } else {
            for (int i = 0; i < rows; i++) {
                values[i] = (long) LONGS.get(bytes, i * Long.BYTES);
            }
        }
        return values;
    }

    /** The first {@code rows} bytes of the result hold the values (the thread's scratch). */
    private static byte[] booleanBytes(boolean[] values, int rows) {
        byte[] bytes = scratch(rows);
        for (int i = 0; i < rows; i++) {
            bytes[i] = (byte) (values[i] ? 1 : 0);
        }
        return bytes;
    }

    private static boolean[] booleans(byte[] bytes) {
        boolean[] values = new boolean[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] != 0;
        }
        return values;
    }

    private static byte[] readBytes(ObjectInputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
