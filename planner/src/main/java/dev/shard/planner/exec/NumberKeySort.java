package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.BatchColumn;

/**
 * {@link RowOrder}'s sort when the order is one INT, DOUBLE or BOOL key: each row's key becomes
 * a long whose signed order is the row order's. Keys spanning fewer than 2^32 values (INT keys
 * of a bounded range, booleans) are packed with their position in one long and sorted as
 * primitives, which is the stable order; the others are merge-sorted with their positions. The
 * general sort compares rows through the key columns' types, a method C2 took ~0.4 s (twice, on
 * a busy 2-core machine) to compile in a driver's first queries, to sort 1,000 groups; these
 * compile to loops over arrays and sort a million rows 2-4x faster (bench/results/2026-12-03-warm-up.md).
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
        // The present rows' keys and row numbers come first, in row order; the null rows after them.
        long[] keys = new long[rows.length];
        int[] presentRows = new int[rows.length];
        int present = 0;
        int absent = 0;
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        for (int row = 0; row < rows.length; row++) {
            if (column.isNull(row)) {
                rows[absent++] = row;
            } else {
                long key = key(column, row);
                key = descending ? ~key : key;
                keys[present] = key;
                presentRows[present++] = row;
                low = Math.min(low, key);
                high = Math.max(high, key);
            }
        }
        System.arraycopy(rows, 0, rows, present, absent);
        if (present > 0 && Long.compareUnsigned(high - low, 1L << PACKED_KEY_BITS) < 0) {
            sortPacked(keys, low, presentRows, present, rows);
            return;
        }
        int[] positions = new int[present];
        for (int k = 0; k < present; k++) {
            positions[k] = k;
        }
        mergeSort(java.util.Arrays.copyOf(keys, present), positions, keys, positions.clone(), 0, present);
        for (int k = 0; k < present; k++) {
            rows[k] = presentRows[positions[k]];
        }
    }

    /** Keys spanning fewer values than this many bits (INT keys of a bounded range) sort packed with their position. */
    private static final int PACKED_KEY_BITS = 32;
    private static final int POSITION_BITS = 31;

    /**
     * Each key above {@code low} and its position packed in one long, key high: sorting the
     * longs orders by key, then by position, which is the stable order, in one primitive sort.
     */
    private static void sortPacked(long[] keys, long low, int[] presentRows, int present, int[] rows) {
        long[] packed = new long[present];
        for (int k = 0; k < present; k++) {
            packed[k] = (keys[k] - low) << POSITION_BITS | k;
        }
        java.util.Arrays.sort(packed);
        long position = (1L << POSITION_BITS) - 1;
        for (int k = 0; k < present; k++) {
            rows[k] = presentRows[(int) (packed[k] & position)];
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
     * Sorts {@code keys[from, to)} stably, moving {@code positions} with them; {@code keyScratch}
     * and {@code positionScratch} hold the same values on entry and are the merge's other half.
     * Keys travel with their positions so that merges read memory in order.
     */
    private static void mergeSort(long[] keys, int[] positions, long[] keyScratch, int[] positionScratch, int from,
            int to) {
        if (to - from <= INSERTION_RUN) {
            for (int i = from + 1; i < to; i++) {
                long key = keys[i];
                int position = positions[i];
                int j = i - 1;
                while (j >= from && keys[j] > key) {
                    keys[j + 1] = keys[j];
                    positions[j + 1] = positions[j];
                    j--;
                }
                keys[j + 1] = key;
                positions[j + 1] = position;
            }
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(keyScratch, positionScratch, keys, positions, from, middle);
        mergeSort(keyScratch, positionScratch, keys, positions, middle, to);
        if (keyScratch[middle - 1] <= keyScratch[middle]) {
            System.arraycopy(keyScratch, from, keys, from, to - from);
            System.arraycopy(positionScratch, from, positions, from, to - from);
            return;
        }
        int left = from;
        int right = middle;
        for (int out = from; out < to; out++) {
            if (right >= to || (left < middle && keyScratch[left] <= keyScratch[right])) {
                keys[out] = keyScratch[left];
                positions[out] = positionScratch[left++];
            } else {
                keys[out] = keyScratch[right];
                positions[out] = positionScratch[right++];
            }
        }
    }
}
