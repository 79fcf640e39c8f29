package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.BatchColumn;

/**
 * {@link RowOrder}'s sort when the order is one INT, DOUBLE or BOOL key: each row's key becomes
 * a long whose signed order is the row order's. Keys spanning fewer than 2^32 values (INT keys
 * of a bounded range, booleans) are packed with their position in one long and sorted as
 * primitives, which is the stable order; for the others the positions are merge-sorted by
 * key. Beyond the row numbers the sort returns, it holds a long per row (and an int or two). The
 * general sort compares rows through the key columns' types, a method C2 took ~0.4 s (twice, on
 * a busy 2-core machine) to compile in a driver's first queries, to sort 1,000 groups; these
 * compile to loops over arrays and sort a million rows 2-3x faster (bench/results/2026-12-03-warm-up.md).
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
        // rows[0, present): the present rows in row order, their keys in keys[]; the null rows after them.
        long[] keys = new long[present];
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
            keys[next] = key;
            rows[next++] = row;
            low = Math.min(low, key);
            high = Math.max(high, key);
        }
        if (present < 2) {
            return;
        }
        // Only the null rows' absence lets a present row's position stand for its row number.
        int[] presentRows = absent > 0 ? java.util.Arrays.copyOf(rows, present) : null;
        if (Long.compareUnsigned(high - low, 1L << PACKED_KEY_BITS) < 0) {
            sortPacked(keys, low, present);
            long position = (1L << POSITION_BITS) - 1;
            for (int k = 0; k < present; k++) {
                int at = (int) (keys[k] & position);
                rows[k] = presentRows == null ? at : presentRows[at];
            }
            return;
        }
        if (presentRows == null) {
            // Every row present: rows holds 0, 1, 2, ..., the positions themselves.
            mergeSort(keys, rows, rows.clone(), 0, present);
            return;
        }
        int[] positions = new int[present];
        for (int k = 0; k < present; k++) {
            positions[k] = k;
        }
        mergeSort(keys, positions, positions.clone(), 0, present);
        for (int k = 0; k < present; k++) {
            rows[k] = presentRows[positions[k]];
        }
    }

    /** Keys spanning fewer values than this many bits (INT keys of a bounded range) sort packed with their position. */
    private static final int PACKED_KEY_BITS = 32;
    private static final int POSITION_BITS = 31;

    /**
     * Each key above {@code low} and its position packed in place in one long, key high:
     * sorting the longs orders by key, then by position, which is the stable order, in one
     * primitive sort and no memory beyond the keys.
     */
    private static void sortPacked(long[] keys, long low, int present) {
        for (int k = 0; k < present; k++) {
            keys[k] = (keys[k] - low) << POSITION_BITS | k;
        }
        java.util.Arrays.sort(keys, 0, present);
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
     * Sorts {@code positions[from, to)} stably by {@code keys[position]}; {@code scratch} holds
     * the same values on entry and is the merge's other half. The keys stay where they are: a
     * sort's memory is what the tuner declares for it (SortedRowsExec), and moving the keys with
     * the positions would need a second array of them.
     */
    private static void mergeSort(long[] keys, int[] positions, int[] scratch, int from, int to) {
        if (to - from <= INSERTION_RUN) {
            for (int i = from + 1; i < to; i++) {
                int position = positions[i];
                long key = keys[position];
                int j = i - 1;
                while (j >= from && keys[positions[j]] > key) {
                    positions[j + 1] = positions[j];
                    j--;
                }
                positions[j + 1] = position;
            }
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(keys, scratch, positions, from, middle);
        mergeSort(keys, scratch, positions, middle, to);
        if (keys[scratch[middle - 1]] <= keys[scratch[middle]]) {
            System.arraycopy(scratch, from, positions, from, to - from);
            return;
        }
        int left = from;
        int right = middle;
        for (int out = from; out < to; out++) {
            if (right >= to || (left < middle && keys[scratch[left]] <= keys[scratch[right]])) {
                positions[out] = scratch[left++];
            } else {
                positions[out] = scratch[right++];
            }
        }
    }
}
