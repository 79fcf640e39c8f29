package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.BatchColumn;

/**
 * {@link RowOrder}'s sort when the order is one INT, DOUBLE or BOOL key: each row's key becomes
 * a long whose signed order is the row order's. When the keys' range (highest − lowest) fits in
 * 32 bits (INT keys of a bounded range, booleans), each key is packed with its row number in one
 * long and the longs are sorted as primitives, which is the stable order; otherwise the row
 * numbers are merge-sorted by key. Beyond the row numbers it returns, the sort holds a long per
 * row and, when merging, an int per row. The general sort compares rows through the key
 * columns' types, a method C2 took ~0.4 s (twice, on a busy 2-core machine) to compile in a
 * driver's first queries, to sort 1,000 groups; these compile to loops over arrays and sort a
 * million rows 2-3x faster (bench/results/2026-12-03-warm-up.md).
 */
final class NumberKeySort {
    private NumberKeySort() {
    }

    /** Whether the order can sort by one key column of a number type. */
    static boolean applies(BatchColumn column) {
        return switch (column.type()) {
            case INT, DOUBLE, BOOL -> true;
            case STRING -> false;
        };
    }

    /** Sorts {@code rows} (0 to n-1 in order on entry) stably by {@code column}, nulls last either way. */
    static void sort(BatchColumn column, boolean descending, int[] rows) {
        int absent = 0;
        if (column.hasNulls) {
            for (int row = 0; row < rows.length; row++) {
                absent += column.isNull(row) ? 1 : 0;
            }
        }
        int present = rows.length - absent;
        // rows[0, present): the present rows in row order; the null rows after them. keys[row]: a present row's key.
        long[] keys = new long[rows.length];
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        int next = 0;
        int nextNull = present;
        for (int row = 0; row < rows.length; row++) {
            if (absent > 0 && column.isNull(row)) {
                rows[nextNull++] = row;
                continue;
            }
            long key = key(column, row);
            key = descending ? ~key : key;
            keys[row] = key;
            rows[next++] = row;
            low = Math.min(low, key);
            high = Math.max(high, key);
        }
        if (present < 2) {
            return;
        }
        if (Long.compareUnsigned(high - low, 1L << RANGE_BITS) < 0) {
            sortPacked(keys, low, rows, present);
        } else {
            mergeSort(keys, rows, java.util.Arrays.copyOf(rows, present), 0, present);
        }
    }

    /** The widest range of keys (highest − lowest, as an unsigned number of bits) sorted packed. */
    private static final int RANGE_BITS = 32;
    /** Row numbers are below 2^31: the packed key sits above them. */
    private static final int ROW_BITS = 31;

    /**
     * Each present row's key above {@code low} packed with its row number in one long, key high,
     * written over the keys (the k-th present row is row k or later, so no key is overwritten
     * before it is read): sorting the longs orders by key, then by row, which is the stable order.
     */
    private static void sortPacked(long[] keys, long low, int[] rows, int present) {
        for (int k = 0; k < present; k++) {
            keys[k] = (keys[rows[k]] - low) << ROW_BITS | rows[k];
        }
        java.util.Arrays.sort(keys, 0, present);
        long row = (1L << ROW_BITS) - 1;
        for (int k = 0; k < present; k++) {
            rows[k] = (int) (keys[k] & row);
        }
    }

    /**
     * The key as a long in {@link Double#compare} order for doubles (−0.0 before 0.0, NaN last),
     * the value itself for ints, 0 and 1 for booleans.
     */
    private static long key(BatchColumn column, int row) {
        return switch (column.type()) {
            case INT -> column.longs[row];
            case DOUBLE -> {
                long bits = Double.doubleToLongBits(column.doubles[row]);
                yield bits ^ ((bits >> 63) & Long.MAX_VALUE);
            }
            case BOOL -> column.booleans[row] ? 1 : 0;
            case STRING -> throw new IllegalStateException("strings are sorted by RowOrder's comparison");
        };
    }

    /** Below this many rows a run is sorted by insertion, which is stable and cheaper there. */
    private static final int INSERTION_RUN = 24;

    /**
     * Sorts the row numbers {@code rows[from, to)} stably by {@code keys[row]}; {@code scratch}
     * holds the same values on entry and is the merge's other half. The keys stay where they are:
     * a sort's memory is what the tuner declares for it (SortedRowsExec), and moving the keys with
     * the rows would need a second array of them.
     */
    private static void mergeSort(long[] keys, int[] rows, int[] scratch, int from, int to) {
        if (to - from <= INSERTION_RUN) {
            for (int i = from + 1; i < to; i++) {
                int row = rows[i];
                long key = keys[row];
                int j = i - 1;
                while (j >= from && keys[rows[j]] > key) {
                    rows[j + 1] = rows[j];
                    j--;
                }
                rows[j + 1] = row;
            }
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(keys, scratch, rows, from, middle);
        mergeSort(keys, scratch, rows, middle, to);
        if (keys[scratch[middle - 1]] <= keys[scratch[middle]]) {
            System.arraycopy(scratch, from, rows, from, to - from);
            return;
        }
        int left = from;
        int right = middle;
        for (int out = from; out < to; out++) {
            if (right >= to || (left < middle && keys[scratch[left]] <= keys[scratch[right]])) {
                rows[out] = scratch[left++];
            } else {
                rows[out] = scratch[right++];
            }
        }
    }
}
