package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.MappedValues;
import java.lang.foreign.MemorySegment;

/**
 * {@link DoubleSumsFold}'s loops: up to {@link #WIDEST} columns summed into their groups in one
 * pass over a batch's selected positions, the group's row count kept beside them. One loop per
 * number of columns, so a row's work is straight-line code: its position and group read once,
 * then a value of each column added to its sum. A dense batch goes through {@link #positions} as
 * its selection, which costs a load of an array in L1 per row and spares a second set of loops.
 */
final class DoubleSums {
    /** The most columns one pass reads: three sums and a count keep the loop in registers on x86-64. */
    static final int WIDEST = 3;
    /** Positions 0, 1, 2, ...: the selection of a batch with every row selected. */
    private static final int[] IDENTITY = identity(ColumnBatch.CAPACITY);

    private DoubleSums() {
    }

    /** One column of a pass: its values (mapped or in an array) and its sums by group. */
    static final class Column {
        private MemorySegment data;
        private long offset;
        private double[] values;
        private double[] sums;

        void mapped(MappedValues mapped, double[] sums) {
            this.data = mapped.data();
            this.offset = mapped.offset();
            this.values = null;
            this.sums = sums;
        }

        void heap(double[] values, double[] sums) {
            this.data = null;
            this.values = values;
            this.sums = sums;
        }
    }

    /** Adds 1 to {@code counts[groupIds[k]]} for every k below rows. */
    static void count(int[] groupIds, int rows, long[] counts) {
        for (int k = 0; k < rows; k++) {
            counts[groupIds[k]]++;
        }
    }

    /**
     * Columns {@code [from, to)} (mapped, at most {@link #WIDEST}): for every k below rows, the
     * value at row {@code selection[k]} of each added to its sums at group {@code groupIds[k]},
     * and {@code counts[groupIds[k]]} incremented.
     */
    static void mapped(Column[] columns, int from, int to, int[] groupIds, int[] selection, int rows,
            long[] counts) {
        Column a = columns[from];
        switch (to - from) {
            case 1 -> mapped1(a.data, a.offset, a.sums, groupIds, selection, rows, counts);
            case 2 -> {
                Column b = columns[from + 1];
                mapped2(a.data, a.offset, a.sums, b.data, b.offset, b.sums, groupIds, selection, rows, counts);
            }
            case 3 -> {
                Column b = columns[from + 1];
                Column c = columns[from + 2];
                mapped3(a.data, a.offset, a.sums, b.data, b.offset, b.sums, c.data, c.offset, c.sums, groupIds,
                        selection, rows, counts);
            }
            default -> throw new IllegalArgumentException("a pass sums 1 to " + WIDEST + " columns, not "
                    + (to - from));
        }
    }

    /** {@link #mapped}'s pass over columns whose values are in arrays (row r at index r). */
    static void heap(Column[] columns, int from, int to, int[] groupIds, int[] selection, int rows, long[] counts) {
        Column a = columns[from];
        switch (to - from) {
            case 1 -> heap1(a.values, a.sums, groupIds, selection, rows, counts);
            case 2 -> {
                Column b = columns[from + 1];
                heap2(a.values, a.sums, b.values, b.sums, groupIds, selection, rows, counts);
            }
            case 3 -> {
                Column b = columns[from + 1];
                Column c = columns[from + 2];
                heap3(a.values, a.sums, b.values, b.sums, c.values, c.sums, groupIds, selection, rows, counts);
            }
            default -> throw new IllegalArgumentException("a pass sums 1 to " + WIDEST + " columns, not "
                    + (to - from));
        }
    }

    private static void mapped1(MemorySegment a, long aAt, double[] aSums, int[] groupIds, int[] selection, int rows,
            long[] counts) {
        for (int k = 0; k < rows; k++) {
            int group = groupIds[k];
            long row = selection[k] * 8L;
            aSums[group] += a.get(MappedValues.DOUBLE, aAt + row);
            counts[group]++;
        }
    }

    private static void mapped2(MemorySegment a, long aAt, double[] aSums, MemorySegment b, long bAt, double[] bSums,
            int[] groupIds, int[] selection, int rows, long[] counts) {
        for (int k = 0; k < rows; k++) {
            int group = groupIds[k];
            long row = selection[k] * 8L;
            aSums[group] += a.get(MappedValues.DOUBLE, aAt + row);
            bSums[group] += b.get(MappedValues.DOUBLE, bAt + row);
            counts[group]++;
        }
    }

    private static void mapped3(MemorySegment a, long aAt, double[] aSums, MemorySegment b, long bAt, double[] bSums,
            MemorySegment c, long cAt, double[] cSums, int[] groupIds, int[] selection, int rows, long[] counts) {
        for (int k = 0; k < rows; k++) {
            int group = groupIds[k];
            long row = selection[k] * 8L;
            aSums[group] += a.get(MappedValues.DOUBLE, aAt + row);
            bSums[group] += b.get(MappedValues.DOUBLE, bAt + row);
            cSums[group] += c.get(MappedValues.DOUBLE, cAt + row);
            counts[group]++;
        }
    }

    private static void heap1(double[] a, double[] aSums, int[] groupIds, int[] selection, int rows, long[] counts) {
        for (int k = 0; k < rows; k++) {
            int group = groupIds[k];
            aSums[group] += a[selection[k]];
            counts[group]++;
        }
    }

    private static void heap2(double[] a, double[] aSums, double[] b, double[] bSums, int[] groupIds,
            int[] selection, int rows, long[] counts) {
        for (int k = 0; k < rows; k++) {
            int group = groupIds[k];
            int row = selection[k];
            aSums[group] += a[row];
            bSums[group] += b[row];
            counts[group]++;
        }
    }

    private static void heap3(double[] a, double[] aSums, double[] b, double[] bSums, double[] c, double[] cSums,
            int[] groupIds, int[] selection, int rows, long[] counts) {
        for (int k = 0; k < rows; k++) {
            int group = groupIds[k];
            int row = selection[k];
            aSums[group] += a[row];
            bSums[group] += b[row];
            cSums[group] += c[row];
            counts[group]++;
        }
    }

    /** The positions of {@code batch}'s selected rows: its selection, or 0, 1, 2, ... when every row is. */
    static int[] positions(ColumnBatch batch) {
        if (!batch.allSelected()) {
            return batch.selection();
        }
        return batch.selectedCount() <= IDENTITY.length ? IDENTITY : identity(batch.selectedCount());
    }

    private static int[] identity(int rows) {
        int[] positions = new int[rows];
        for (int k = 0; k < positions.length; k++) {
            positions[k] = k;
        }
        return positions;
    }
}
