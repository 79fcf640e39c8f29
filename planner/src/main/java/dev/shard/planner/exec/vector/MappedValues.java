package dev.shard.planner.exec.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The mapped form of a {@link BatchColumn}: a batch's rows read in place from an Arrow data
 * buffer in a shared mapping, with no copy into the column's arrays. Row {@code i} of the
 * batch is the value at byte {@code offset() + i * width} of {@code data()}. A scanned
 * column points one of these at each batch's rows; an operator with an in-place loop reads
 * the segment, any other asks {@link BatchColumn#heap()}, which copies the batch's values
 * into the arrays once and counts the bytes in the source's {@link MaterializedBytes}.
 * Nulls are not here: the column's {@code nulls} and {@code hasNulls} hold them in both forms.
 */
public final class MappedValues {
    /** Arrow's little-endian layouts. Unaligned: aligned access measured no faster (see bench/results). */
    public static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED
            .withOrder(ByteOrder.LITTLE_ENDIAN);

    /**
     * The smallest page of x86-64 and arm64; with larger pages some pages are touched more than
     * once, which costs a load in cache each.
     */
    static final int PAGE = 4096;

    /** The Arrow value types read in place: int32 and int64 as INT, float64 as DOUBLE. */
    public enum Width {
        INT32(Integer.BYTES), INT64(Long.BYTES), FLOAT64(Double.BYTES);

        private final int bytes;

        Width(int bytes) {
            this.bytes = bytes;
        }

        public int bytes() {
            return bytes;
        }
    }

    private final Width width;
    private final MaterializedBytes materialized;
    private MemorySegment data;
    private long offset;
    private int rows;

    public MappedValues(Width width, MaterializedBytes materialized) {
        this.width = width;
        this.materialized = materialized;
    }

    /** Points at rows {@code [firstRow, firstRow + rows)} of the data buffer {@code data}. */
    public void point(MemorySegment data, long firstRow, int rows) {
        this.data = data;
        this.offset = firstRow * width.bytes;
        this.rows = rows;
    }

    /**
     * Reads one byte of every page the batch's values lie on, so that a page not yet mapped in
     * this process faults here, in a loop of a few loads, and not in the middle of an operator's
     * loop, and the operators find the pages in the TLB. One byte per cache line was read before:
     * on the scan benchmark's stage (AMD EPYC) that pass cost as much as the fold, and a byte per
     * page instead took the stage from 9-13 to 7-8.5 ns a row of CPU; the operators' loops read
     * their columns in ascending order and keep up without it (bench/results/2026-12-02-scan-pages.md).
     * Returns a value made of the bytes, for the caller to keep (an unused load would be removed
     * by the JIT).
     */
    public long touchPages() {
        if (rows == 0) {
            return 0;
        }
        long end = offset + (long) rows * width.bytes;
        long seen = data.get(ValueLayout.JAVA_BYTE, offset);
        long nextPage = offset + PAGE - ((data.address() + offset) & (PAGE - 1));
        for (long at = nextPage; at < end; at += PAGE) {
            seen += data.get(ValueLayout.JAVA_BYTE, at);
        }
        return seen;
    }

    public Width width() {
        return width;
    }

    public MemorySegment data() {
        return data;
    }

    /** The byte offset in {@link #data()} of the batch's row 0. */
    public long offset() {
        return offset;
    }

    public int rows() {
        return rows;
    }

    /** Row {@code row}'s value as a long (INT32, INT64). */
    public long longAt(int row) {
        return width == Width.INT32 ? data.get(INT, offset + row * 4L) : data.get(LONG, offset + row * 8L);
    }

    public double doubleAt(int row) {
        return data.get(DOUBLE, offset + row * 8L);
    }

    /** The heap form: the batch's values into {@code column}'s arrays, counted as a copy out of the mapping. */
    void copyInto(BatchColumn column) {
        switch (width) {
            case INT64 -> MemorySegment.copy(data, LONG, offset, column.longs, 0, rows);
            case INT32 -> {
                long[] values = column.longs;
                for (int i = 0; i < rows; i++) {
                    values[i] = data.get(INT, offset + i * 4L);
                }
            }
            case FLOAT64 -> MemorySegment.copy(data, DOUBLE, offset, column.doubles, 0, rows);
        }
        materialized.add((long) rows * width.bytes);
    }
}
