package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.type.DataType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a shard's block partials in {@link PackedPartials}' layout, block by block as the
 * worker finishes them: each state writes its primitive arrays straight into one growing
 * buffer (no exported copy, no object per column), and the buffer is kept by the worker's
 * thread for its next shard, so a shard's partials cost one bulk copy per column.
 */
public final class PartialsWriter {
    private static final int INITIAL_BYTES = 1 << 16;
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[INITIAL_BYTES]);

    private byte[] bytes;
    private MemorySegment segment;
    private long position;
    /** The narrowed values of an INT column, copied in bulk (see PartialsReader). */
    private int[] ints = new int[0];
    private int blocks;
    private long groups;

    /** Starts a shard's partials; {@code stateOf[a]} is the distinct state that aggregate a reads. */
    PartialsWriter(int[] stateOf, int distinctStates) {
        bytes = BUFFERS.get();
        segment = MemorySegment.ofArray(bytes);
        ensure(Integer.BYTES * (3 + stateOf.length));
        putInt(PackedPartials.VERSION);
        putInt(stateOf.length);
        for (int state : stateOf) {
            putInt(state);
        }
        putInt(distinctStates);
    }

    /** Opens block {@code block} of {@code groupCount} groups; its key columns and states' columns follow. */
    void startBlock(long block, int groupCount) {
        ensure(Long.BYTES + Integer.BYTES);
        segment.set(PackedPartials.LONG, position, block);
        position += Long.BYTES;
        putInt(groupCount);
        blocks++;
        groups += groupCount;
    }

    /** The number of columns that follow: the keys', or a state's (a state's partial has one or more). */
    void columnCount(int columns) {
        ensure(1);
        putByte(columns);
    }

    /** The first {@code rows} rows of {@code column}, nulls as its {@code nulls} say. */
    void column(BatchColumn column, int rows) {
        column(column, rows, column.hasNulls ? column.nulls : null, false);
    }

    /**
     * The first {@code rows} rows of {@code column}; {@code nulls} (or its inverse, with
     * {@code inverted}: a state's "seen" flags) marks null rows, none when it is null.
     */
    void column(BatchColumn column, int rows, boolean[] nulls, boolean inverted) {
        boolean narrow = column.type() == DataType.INT && fitsInts(column.longs, rows);
        ensure(2 + Integer.BYTES + rows);
        putByte(column.type().ordinal());
        putByte((nulls != null ? PackedPartials.HAS_NULLS : 0) | (narrow ? PackedPartials.NARROW : 0));
        putInt(rows);
        if (nulls != null) {
            for (int r = 0; r < rows; r++) {
                putByte(nulls[r] != inverted ? 1 : 0);
            }
        }
        switch (column.type()) {
            case INT -> {
                ensure((long) rows * Long.BYTES);
                if (narrow) {
                    int[] values = ints(rows);
                    for (int r = 0; r < rows; r++) {
                        values[r] = (int) column.longs[r];
                    }
                    MemorySegment.copy(values, 0, segment, PackedPartials.INT, position, rows);
                    position += (long) rows * Integer.BYTES;
                } else {
                    MemorySegment.copy(column.longs, 0, segment, PackedPartials.LONG, position, rows);
                    position += (long) rows * Long.BYTES;
                }
            }
            case DOUBLE -> {
                ensure((long) rows * Double.BYTES);
                MemorySegment.copy(column.doubles, 0, segment, PackedPartials.DOUBLE, position, rows);
                position += (long) rows * Double.BYTES;
            }
            case BOOL -> {
                ensure(rows);
                for (int r = 0; r < rows; r++) {
                    putByte(column.booleans[r] ? 1 : 0);
                }
            }
            case STRING -> {
                for (int r = 0; r < rows; r++) {
                    String value = column.strings[r];
                    byte[] utf8 = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
                    ensure(Integer.BYTES + utf8.length);
                    putInt(utf8.length);
                    MemorySegment.copy(utf8, 0, segment, ValueLayout.JAVA_BYTE, position, utf8.length);
                    position += utf8.length;
                }
            }
        }
    }

    private int[] ints(int rows) {
        if (ints.length < rows) {
            ints = new int[rows];
        }
        return ints;
    }

    private void putByte(int value) {
        bytes[(int) position++] = (byte) value;
    }

    private void putInt(int value) {
        segment.set(PackedPartials.INT, position, value);
        position += Integer.BYTES;
    }

    private static boolean fitsInts(long[] values, int rows) {
        boolean narrow = true;
        for (int r = 0; r < rows; r++) {
            narrow &= values[r] == (int) values[r];
        }
        return narrow;
    }

    private void ensure(long more) {
        if (bytes.length - position >= more) {
            return;
        }
        long needed = position + more;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a shard's block partials exceed 2 GiB (" + needed + " bytes): plan"
                    + " smaller shards or the partitioned merge for this many groups");
        }
        bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * bytes.length)));
        segment = MemorySegment.ofArray(bytes);
        BUFFERS.set(bytes);
    }

    /** The shard's partials, in their own exactly sized array. */
    public PackedPartials finish() {
        return new PackedPartials(Arrays.copyOf(bytes, (int) position), blocks, groups);
    }
}
