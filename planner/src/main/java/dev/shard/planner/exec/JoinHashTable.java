package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.type.DataType;
import java.util.Arrays;

/**
 * The hash table of a join's build side, over its key columns: open addressing on the
 * distinct keys, each slot holding the first build row of its key, and a chain linking
 * the rows of one key in ascending row order — so a probe visits matches in build-row
 * order. Rows with a null key are left out (a null key matches nothing). Keys are
 * compared as their widened type: an int key meets a double key as a double, with
 * −0.0 equal to 0.0 and NaN equal to NaN.
 */
final class JoinHashTable {
    private final BatchColumn[] keys;
    private final DataType[] compareAs;
    private final int[] heads;
    private final int[] tails;
    private final int[] next;
    private final int mask;

    JoinHashTable(BatchColumn[] keys, DataType[] compareAs, int rows) {
        this.keys = keys;
        this.compareAs = compareAs;
        int capacity = Integer.highestOneBit(Math.max(4, rows) * 2 - 1) << 1;
        this.mask = capacity - 1;
        this.heads = new int[capacity];
        this.tails = new int[capacity];
        this.next = new int[rows];
        Arrays.fill(heads, -1);
        Arrays.fill(next, -1);
        for (int row = 0; row < rows; row++) {
            if (anyNull(keys, row)) {
                continue;
            }
            int slot = hash(keys, row) & mask;
            while (heads[slot] >= 0 && !equal(keys, heads[slot], keys, row)) {
                slot = (slot + 1) & mask;
            }
            if (heads[slot] < 0) {
                heads[slot] = row;
            } else {
                next[tails[slot]] = row;
            }
            tails[slot] = row;
        }
    }

    /** The first build row whose key equals the probe's key at {@code row}, or −1. */
    int first(BatchColumn[] probe, int row) {
        if (anyNull(probe, row)) {
            return -1;
        }
        int slot = hash(probe, row) & mask;
        while (heads[slot] >= 0) {
            if (equal(keys, heads[slot], probe, row)) {
                return heads[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** The next build row with the same key as {@code buildRow}, or −1. */
    int next(int buildRow) {
        return next[buildRow];
    }

    private static boolean anyNull(BatchColumn[] columns, int row) {
        for (BatchColumn column : columns) {
            if (column.isNull(row)) {
                return true;
            }
        }
        return false;
    }

    private int hash(BatchColumn[] columns, int row) {
        long h = 0x9E3779B97F4A7C15L;
        for (int k = 0; k < columns.length; k++) {
            BatchColumn column = columns[k];
            long value = switch (compareAs[k]) {
                case INT -> column.longs[row];
                case DOUBLE -> Double.doubleToLongBits(normalized(number(column, row)));
                case BOOL -> column.booleans[row] ? 1 : 2;
                case STRING -> column.strings[row].hashCode();
            };
            h = (h ^ value) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return (int) (h ^ (h >>> 32));
    }

    private boolean equal(BatchColumn[] mine, int row, BatchColumn[] theirs, int other) {
        for (int k = 0; k < mine.length; k++) {
            boolean same = switch (compareAs[k]) {
                case INT -> mine[k].longs[row] == theirs[k].longs[other];
                case DOUBLE -> Double.doubleToLongBits(normalized(number(mine[k], row)))
                        == Double.doubleToLongBits(normalized(number(theirs[k], other)));
                case BOOL -> mine[k].booleans[row] == theirs[k].booleans[other];
                case STRING -> mine[k].strings[row].equals(theirs[k].strings[other]);
            };
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static double number(BatchColumn column, int row) {
        return column.type() == DataType.INT ? column.longs[row] : column.doubles[row];
    }

    /** −0.0 and 0.0 are one key; every NaN is one key (doubleToLongBits canonicalizes NaN). */
    private static double normalized(double value) {
        return value == 0.0 ? 0.0 : value;
    }
}
