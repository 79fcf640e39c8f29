package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.BatchColumn;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A shard's block partials in one byte array, as the worker wrote them ({@link
 * PartialsWriter}) and the driver reads them back one block at a time ({@link #forEach}):
 * a few hundred kilobytes to megabytes a shard travel as one array, with no Java
 * serialization of columns or records, and the aggregates that share a state (sum and mean
 * of one column) share its columns. Little-endian; doubles keep their exact bits.
 *
 * <pre>
 * int version | int aggregates | int stateOf[aggregates] | int states
 * blocks, in block order:
 *   long block | int groups | byte key columns | its columns | per state: byte columns | its columns
 * column:
 *   byte type (DataType ordinal) | byte flags (1 = nulls follow, 2 = INT values in 4 bytes)
 *   | int rows | [rows bytes: 1 = null] | values:
 *   INT: rows × 4 or 8 bytes; DOUBLE: rows × 8 bytes; BOOL: rows bytes;
 *   STRING: per row int length | UTF-8 bytes (a null row: length 0)
 * </pre>
 */
public final class PackedPartials implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final int VERSION = 1;
    static final int HAS_NULLS = 1;
    static final int NARROW = 2;
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** A shard that returns no partials (its sink writes rows). */
    public static final PackedPartials NONE = new PackedPartials(new byte[0], 0, 0);

    private transient byte[] bytes;
    /** Where the layout starts in {@link #bytes} and its size: a decoded result's partials stay in the pack they came in. */
    private transient int offset;
    private transient int length;
    private final int blocks;
    private final long groups;

    PackedPartials(byte[] bytes, int blocks, long groups) {
        this(bytes, 0, bytes.length, blocks, groups);
    }

    private PackedPartials(byte[] bytes, int offset, int length, int blocks, long groups) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.blocks = blocks;
        this.groups = groups;
    }

    /**
     * The partials whose layout is {@code bytes[offset .. offset + length)}, read in place (not
     * copied: the caller hands the array over), as {@link #copyTo} wrote them with these counts.
     * No bytes and no blocks give {@link #NONE}.
     */
    public static PackedPartials of(byte[] bytes, int offset, int length, int blocks, long groups) {
        if (offset < 0 || length < 0 || offset + length > bytes.length || blocks < 0 || groups < 0) {
            throw new IllegalArgumentException("block partials of " + length + " bytes at " + offset + " ("
                    + blocks + " blocks, " + groups + " groups) do not fit an array of " + bytes.length
                    + " bytes: the result is corrupt or driver and workers run different builds");
        }
        if (length == 0 && blocks == 0 && groups == 0) {
            return NONE;
        }
        return new PackedPartials(bytes, offset, length, blocks, groups);
    }

    /** Writes the encoded layout ({@link #bytes()} bytes) at {@code targetOffset} of {@code target}. */
    public void copyTo(byte[] target, int targetOffset) {
        System.arraycopy(bytes, offset, target, targetOffset, length);
    }

    /** The number of block partials. */
    public int blocks() {
        return blocks;
    }

    /** The partial rows (groups per block) of every block together. */
    public long groups() {
        return groups;
    }

    /** The encoded size. */
    public int bytes() {
        return length;
    }

    /** The encoded bytes (themselves when they fill their array): for tests of the layout. */
    byte[] encoded() {
        return offset == 0 && length == bytes.length ? bytes : Arrays.copyOfRange(bytes, offset, offset + length);
    }

    /**
     * Each block partial, decoded in block order, one at a time. A partial's columns are
     * valid during the call only: the next block is read into them (copy what you keep).
     */
    public void forEach(Consumer<BlockPartial> consumer) {
        if (blocks == 0) {
            return;
        }
        PartialsReader in = new PartialsReader(bytes, offset, length);
        int version = in.getInt();
        if (version != VERSION) {
            throw new IllegalStateException("block partials of layout version " + version + ", this build reads "
                    + VERSION + ": driver and workers must run the same build");
        }
        int[] stateOf = new int[in.getInt()];
        for (int a = 0; a < stateOf.length; a++) {
            stateOf[a] = in.getInt();
        }
        int states = in.getInt();
        BatchColumn[] keys = new BatchColumn[0];
        BatchColumn[][] distinct = new BatchColumn[states][0];
        for (int b = 0; b < blocks; b++) {
            long block = in.getLong();
            int groupCount = in.getInt();
            keys = columns(in, keys);
            for (int s = 0; s < states; s++) {
                distinct[s] = columns(in, distinct[s]);
            }
            BatchColumn[][] exported = new BatchColumn[stateOf.length][];
            for (int a = 0; a < stateOf.length; a++) {
                exported[a] = distinct[stateOf[a]];
            }
            consumer.accept(new BlockPartial(block, groupCount, keys, exported));
        }
    }

    /** A count byte and that many columns, read into {@code previous}'s columns where they fit. */
    private static BatchColumn[] columns(PartialsReader in, BatchColumn[] previous) {
        BatchColumn[] columns = new BatchColumn[in.getByte()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = in.column(c < previous.length ? previous[c] : null);
        }
        return columns;
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeInt(length);
        out.write(bytes, offset, length);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("block partials of " + length + " bytes: the stream is corrupt");
        }
        bytes = new byte[length];
        in.readFully(bytes);
        offset = 0;
        this.length = length;
    }
}
