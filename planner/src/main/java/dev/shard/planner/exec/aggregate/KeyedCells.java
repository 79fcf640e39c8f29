package dev.shard.planner.exec.aggregate;

import static dev.shard.planner.exec.aggregate.FoldCells.COUNT;
import static dev.shard.planner.exec.aggregate.FoldCells.WIDTH;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.MappedValues;
import java.lang.foreign.MemorySegment;

/**
 * {@link FoldCells}' cells found by key instead of by group: key k's cell is the one at
 * {@code k - base}, for the batches whose INT keys all fall in a range of at most {@link #SPAN}
 * keys (W2's 1,000). Such a batch folds in one pass over its keys and values, with no group id
 * written and read back per row and no lookup of the group per row.
 *
 * <p>Groups are still numbered in order of first appearance, as {@link IntKeyGroups#assign}
 * numbers them: before a batch whose keys may lack groups is folded, a pass gives the keys whose
 * cell has no rows their groups, in the order of their first row. A cell of a key without a
 * group is always fresh, so those are exactly the keys first seen (and now and then a group
 * whose rows all went elsewhere, which keeps its number).
 *
 * <p>Between {@link #load} and {@link #store} the cells hold the truth for the groups whose key
 * they cover; every other group keeps it in the states' arrays, which no batch folded here
 * touches, since its keys are all covered.
 */
final class KeyedCells {
    /** The widest range of keys covered: 4,096 cells of 32 bytes, 128 KiB. */
    static final int SPAN = 1 << 12;
    private static final int FIRST_KEYS = 64;

    private double[] cells = new double[0];
    /** The key of the first cell; the cells cover keys {@code [base, base + cells.length / WIDTH)}. */
    private long base;
    /** The lowest and highest key whose cell may have rows (none when low > high). */
    private long usedLow = Long.MAX_VALUE;
    private long usedHigh = Long.MIN_VALUE;
    /** Groups whose key is in {@code [usedLow, usedHigh]}: all of those keys have one when it is the range's size. */
    private long known;
    /** The lowest and highest key of the batch last {@linkplain #measure measured}. */
    private long batchLow;
    private long batchHigh;
    /** The cells of the batch being noted whose key was first seen, in row order; {@code seen} marks them. */
    private final int[] firstCells = new int[SPAN];
    private final boolean[] seen = new boolean[SPAN];

    /**
     * Reads the lowest and highest of the first {@code rows} keys of {@code keys} (no nulls, an
     * int32 mapping or an array), then tells whether this batch can fold here: its keys span at
     * most {@link #SPAN}, and so do they with the keys already here, or the cells cover them.
     */
    boolean measure(BatchColumn keys, int rows) {
        MappedValues mapped = keys.mapped();
        if (mapped == null) {
            measure(keys.longs, rows);
        } else if (mapped.width() == MappedValues.Width.INT32) {
            measure(mapped.data(), mapped.offset(), rows);
        } else {
            return false;
        }
        return Long.compareUnsigned(batchHigh - batchLow, SPAN) < 0;
    }

    private void measure(long[] keys, int rows) {
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        for (int k = 0; k < rows; k++) {
            low = Math.min(low, keys[k]);
            high = Math.max(high, keys[k]);
        }
        batchLow = low;
        batchHigh = high;
    }

    private void measure(MemorySegment data, long offset, int rows) {
        int low = Integer.MAX_VALUE;
        int high = Integer.MIN_VALUE;
        for (int k = 0; k < rows; k++) {
            int key = data.get(MappedValues.INT, offset + k * 4L);
            low = Math.min(low, key);
            high = Math.max(high, key);
        }
        batchLow = low;
        batchHigh = high;
    }

    /** Whether the cells cover every key of the batch last measured. */
    boolean coversBatch() {
        return covers(batchLow) && covers(batchHigh);
    }

    /**
     * Makes the cells cover the keys of the batch last measured, together with the keys already
     * here when they all fit in {@link #SPAN}, all cells fresh: the caller has {@linkplain #store
     * stored} them first. Non-negative keys below SPAN are covered from 0, so a block whose keys
     * grow within them never moves the cells.
     */
    void coverBatch() {
        long low = batchLow;
        long high = batchHigh;
        if (usedLow <= usedHigh) {
            long withUsedLow = Math.min(low, usedLow);
            long withUsedHigh = Math.max(high, usedHigh);
            if (Long.compareUnsigned(withUsedHigh - withUsedLow, SPAN) < 0) {
                low = withUsedLow;
                high = withUsedHigh;
            }
        }
        clear();
        base = low >= 0 && high < SPAN ? 0 : low;
        int needed = (int) (high - base + 1);
        if (cells.length < needed * WIDTH) {
            int keys = Math.min(SPAN, Math.max(FIRST_KEYS, Integer.highestOneBit(needed - 1) << 1));
            cells = FoldCells.fresh(new double[keys * WIDTH], 0);
        }
    }

    private boolean covers(long key) {
        return key >= base && Long.compareUnsigned(key - base, cells.length / WIDTH) < 0;
    }

    /**
     * Adds row k's value to key k's cell for k below rows, keys and values both arrays, after
     * giving the keys first seen here their groups in {@code groups}, in row order.
     */
    void fold(long[] keys, double[] values, int rows, IntKeyGroups groups) {
        if (!allKnown()) {
            noteFirstSeen(keys, rows, groups);
        }
        fold(keys, values, rows, cells, base);
    }

    /** {@link #fold} with the values read in place: row k's at byte {@code valueOffset + k * 8} of {@code values}. */
    void fold(long[] keys, MemorySegment values, long valueOffset, int rows, IntKeyGroups groups) {
        if (!allKnown()) {
            noteFirstSeen(keys, rows, groups);
        }
        fold(keys, values, valueOffset, rows, cells, base);
    }

    /** {@link #fold} with int32 keys read in place at {@code keyOffset} of {@code keys}. */
    void fold(MemorySegment keys, long keyOffset, double[] values, int rows, IntKeyGroups groups) {
        if (!allKnown()) {
            noteFirstSeen(keys, keyOffset, rows, groups);
        }
        fold(keys, keyOffset, values, rows, cells, base);
    }

    /** {@link #fold} with int32 keys and values both read in place (W2 over an Arrow file). */
    void fold(MemorySegment keys, long keyOffset, MemorySegment values, long valueOffset, int rows,
            IntKeyGroups groups) {
        if (!allKnown()) {
            noteFirstSeen(keys, keyOffset, rows, groups);
        }
        fold(keys, keyOffset, values, valueOffset, rows, cells, base);
    }

    /*
     * The loops themselves hold nothing but the fold: keys first seen (in a block's first batch
     * or two only) are looked for in a pass of their own, so the loop C2 compiles has no branch
     * for them. On one thread with a core of its own the W2 fold's compilation fell from 139 + 44
     * ms (OSR) to 34 + 40 ms, plus 33 + 38 ms for the new pass; W2's speed in the engine did not
     * change measurably (bench/results/2026-12-03-warm-up.md).
     */

    private static void fold(long[] keys, double[] values, int rows, double[] c, long first) {
        for (int k = 0; k < rows; k++) {
            FoldCells.addAt(c, (int) (keys[k] - first) * WIDTH, values[k]);
        }
    }

    private static void fold(long[] keys, MemorySegment values, long valueOffset, int rows, double[] c, long first) {
        for (int k = 0; k < rows; k++) {
            FoldCells.addAt(c, (int) (keys[k] - first) * WIDTH, values.get(MappedValues.DOUBLE, valueOffset + k * 8L));
        }
    }

    private static void fold(MemorySegment keys, long keyOffset, double[] values, int rows, double[] c, long first) {
        for (int k = 0; k < rows; k++) {
            FoldCells.addAt(c, (int) (keys.get(MappedValues.INT, keyOffset + k * 4L) - first) * WIDTH, values[k]);
        }
    }

    private static void fold(MemorySegment keys, long keyOffset, MemorySegment values, long valueOffset, int rows,
            double[] c, long first) {
        for (int k = 0; k < rows; k++) {
            FoldCells.addAt(c, (int) (keys.get(MappedValues.INT, keyOffset + k * 4L) - first) * WIDTH,
                    values.get(MappedValues.DOUBLE, valueOffset + k * 8L));
        }
    }

    /**
     * Gives the batch's keys whose cell has no rows yet their groups, in the order of their first
     * row, before the batch is folded: a key seen for the first time has a fresh cell (one whose
     * cell is fresh may also have a group already, which {@code groupOf} then returns).
     */
    private void noteFirstSeen(long[] keys, int rows, IntKeyGroups groups) {
        int before = groups.size();
        int noted = 0;
        for (int k = 0; k < rows; k++) {
            int cell = (int) (keys[k] - base);
            if (firstSeen(cell)) {
                firstCells[noted++] = cell;
                groups.groupOf(keys[k]);
            }
        }
        forget(noted);
        used(groups.size() - before);
    }

    private void noteFirstSeen(MemorySegment keys, long keyOffset, int rows, IntKeyGroups groups) {
        int before = groups.size();
        int noted = 0;
        for (int k = 0; k < rows; k++) {
            int key = keys.get(MappedValues.INT, keyOffset + k * 4L);
            int cell = (int) (key - base);
            if (firstSeen(cell)) {
                firstCells[noted++] = cell;
                groups.groupOf(key);
            }
        }
        forget(noted);
        used(groups.size() - before);
    }

    /** Whether a row of this cell's key is the first with rows in it: the cell is fresh and not yet noted. */
    private boolean firstSeen(int cell) {
        if (cells[cell * WIDTH + COUNT] != 0 || seen[cell]) {
            return false;
        }
        seen[cell] = true;
        return true;
    }

    private void forget(int noted) {
        for (int n = 0; n < noted; n++) {
            seen[firstCells[n]] = false;
        }
    }

    /**
     * Whether every key of the batch last measured already has a group, so that no row need look
     * for keys first seen (W2: all but a block's first batch or two).
     */
    private boolean allKnown() {
        return batchLow >= usedLow && batchHigh <= usedHigh && known == usedHigh - usedLow + 1;
    }

    private void used(int added) {
        usedLow = Math.min(usedLow, batchLow);
        usedHigh = Math.max(usedHigh, batchHigh);
        known += added;
    }

    /** Writes the cells of the groups among {@code [0, groups)} whose key is covered into the states' arrays. */
    void store(IntKeyGroups keys, int groups, CountState count, SumState sum, ExtremeState minimum,
            ExtremeState maximum) {
        FoldCells.StateArrays states = FoldCells.StateArrays.of(groups, count, sum, minimum, maximum);
        BatchColumn column = keys.keys();
        for (int group = 0; group < groups; group++) {
            long key = column.longs[group];
            if (!column.nulls[group] && covers(key)) {
                states.store(cells, (int) (key - base) * WIDTH, group);
            }
        }
    }

    /** Reads the states' arrays of the groups among {@code [0, groups)} whose key is covered into their cells. */
    void load(IntKeyGroups keys, int groups, CountState count, SumState sum, ExtremeState minimum,
            ExtremeState maximum) {
        FoldCells.StateArrays states = FoldCells.StateArrays.of(groups, count, sum, minimum, maximum);
        BatchColumn column = keys.keys();
        known = 0;
        for (int group = 0; group < groups; group++) {
            long key = column.longs[group];
            if (!column.nulls[group] && covers(key)) {
                states.load(cells, (int) (key - base) * WIDTH, group);
                known++;
                usedLow = Math.min(usedLow, key);
                usedHigh = Math.max(usedHigh, key);
            }
        }
    }

    /** Every cell fresh again (a new block, or before the cells move). */
    void clear() {
        if (usedLow <= usedHigh) {
            int end = (int) (usedHigh - base + 1) * WIDTH;
            for (int at = (int) (usedLow - base) * WIDTH; at < end; at += WIDTH) {
                FoldCells.freshAt(cells, at);
            }
        }
        usedLow = Long.MAX_VALUE;
        usedHigh = Long.MIN_VALUE;
        known = 0;
    }
}
