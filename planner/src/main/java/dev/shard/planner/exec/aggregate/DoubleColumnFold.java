package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.MappedValues;
import java.lang.foreign.MemorySegment;

/**
 * The aggregates of one DOUBLE argument column accumulated in one pass over a batch
 * instead of one pass each: a row count, a sum (which mean shares), a minimum and a
 * maximum, each optional. Reading the value and the group once per row, and writing the
 * states' own arrays, gives exactly what the states' separate passes give: sums add in
 * row order, and min and max keep {@link Double#compare}'s order (NaN above everything,
 * -0.0 below 0.0; on a tie the first value stays). Only for columns without nulls in the
 * batch; the caller runs the states' own passes otherwise. {@link StatePasses} gives it columns
 * with a minimum or a maximum; sums and counts alone go to {@link DoubleSumsFold}, several
 * columns in one pass.
 */
final class DoubleColumnFold {
    private final CountState count;
    private final SumState sum;
    private final ExtremeState minimum;
    private final ExtremeState maximum;
    /**
     * With count and sum both present, the sum's count is not kept row by row: on a batch
     * without nulls it gains exactly what the count gains, so {@link #settle} adds the
     * count's growth since the last settle (marks[g] = count of g then). One array less
     * written per row; the states' own passes (a batch with nulls) run between a settle and
     * a {@link #mark}.
     */
    private long[] marks = new long[256];
    private boolean owing;
    /**
     * With all four states (W2's shape), every batch without nulls goes to these cells, one per
     * group, and the states' arrays are brought up to date at {@link #settle}; null otherwise.
     */
    private final FoldCells cells;
    /**
     * The same cells found by key, for a batch of an INT key in a narrow range ({@link
     * #accumulateByKey}); null without {@link #cells}. Of the two, at most one holds rows the states
     * lack (then {@link #owing}), and it is the only one current: the other takes the truth from
     * the states' arrays before its next batch.
     */
    private final KeyedCells keyedCells;
    private boolean cellsCurrent = true;
    private boolean keyedCellsCurrent = true;
    /** The groups whose keys {@link #keyedCells} are found by; set by the first batch folded by key. */
    private IntKeyGroups keyGroups;

    /** Any of the states may be null; the others must accumulate a DOUBLE column. */
    DoubleColumnFold(CountState count, SumState sum, ExtremeState minimum, ExtremeState maximum) {
        this.count = count;
        this.sum = sum;
        this.minimum = minimum;
        this.maximum = maximum;
        this.cells = count != null && sum != null && minimum != null && maximum != null ? new FoldCells() : null;
        this.keyedCells = cells == null ? null : new KeyedCells();
    }

    /**
     * Whether a batch can be added by key as far as its keys tell ({@link #accumulateByKey}): this
     * fold keeps all four states, the batch is dense and its keys, without nulls, fall in a
     * narrow range. Asked before the argument is evaluated, so a batch that goes the other way
     * (a filtered one) does not evaluate it twice.
     */
    boolean takesByKey(BatchColumn key, ColumnBatch batch) {
        return keyedCells != null && !key.hasNulls && batch.allSelected()
                && keyedCells.measure(key, batch.selectedCount());
    }

    /**
     * Adds every row of a batch that {@link #takesByKey} takes by its key in {@code keys}' numbering,
     * in one pass; returns false, having added nothing, when {@code input} has nulls.
     */
    boolean accumulateByKey(IntKeyGroups keys, BatchColumn key, BatchColumn input, ColumnBatch batch) {
        if (input.hasNulls) {
            return false;
        }
        int rows = batch.selectedCount();
        keyGroups = keys;
        int groups = keys.size();
        if (!keyedCells.coversBatch()) {
            settle(groups);
            keyedCells.coverBatch();
            keyedCellsCurrent = false;
        }
        if (!keyedCellsCurrent) {
            settle(groups);
            keyedCells.load(keys, groups, count, sum, minimum, maximum);
            keyedCellsCurrent = true;
        }
        cellsCurrent = false;
        owing = true;
        MappedValues mappedKeys = key.mapped();
        MappedValues mappedValues = input.mapped();
        if (mappedKeys == null && mappedValues == null) {
            keyedCells.fold(key.longs, input.doubles, rows, keys);
        } else if (mappedKeys == null) {
            keyedCells.fold(key.longs, mappedValues.data(), mappedValues.offset(), rows, keys);
        } else if (mappedValues == null) {
            keyedCells.fold(mappedKeys.data(), mappedKeys.offset(), input.doubles, rows, keys);
        } else {
            keyedCells.fold(mappedKeys.data(), mappedKeys.offset(), mappedValues.data(), mappedValues.offset(), rows,
                    keys);
        }
        return true;
    }

    /** Adds the selected rows of {@code batch}; {@code input} has no nulls and may be mapped. */
    void accumulate(int[] groupIds, BatchColumn input, ColumnBatch batch, int groups) {
        int[] selection = batch.allSelected() ? null : batch.selection();
        if (cells != null) {
            if (!cellsCurrent) {
                settle(groups);
                cells.load(groups, count, sum, minimum, maximum);
                cellsCurrent = true;
            }
            keyedCellsCurrent = false;
            owing = true;
            MappedValues mapped = input.mapped();
            if (mapped != null) {
                cells.add(groupIds, mapped.data(), mapped.offset(), selection, batch.selectedCount(), groups);
            } else {
                cells.add(groupIds, input.doubles, selection, batch.selectedCount(), groups);
            }
            return;
        }
        if (input.mapped() != null) {
            accumulateMapped(groupIds, input.mapped(), batch, groups);
            return;
        }
        long[] counts = count == null ? null : count.counts(groups);
        double[] sums = sum == null ? null : sum.doubles(groups);
        long[] sumCounts = sumCountsPerRow(groups);
        double[] lows = minimum == null ? null : minimum.doubles(groups);
        double[] highs = maximum == null ? null : maximum.doubles(groups);
        double[] values = input.doubles;
        int rows = batch.selectedCount();
        for (int k = 0; k < rows; k++) {
            int group = groupIds[k];
            double x = values[selection == null ? k : selection[k]];
            if (counts != null) {
                counts[group]++;
            }
            if (sums != null) {
                sums[group] += x;
                if (sumCounts != null) {
                    sumCounts[group]++;
                }
            }
            if (lows != null) {
                double low = lows[group];
                // An unset group holds NaN: both tests fail and the exact rule takes x.
                if (x < low) {
                    lows[group] = x;
                } else if (!(x > low)) {
                    offer(minimum, group, x, groups);
                }
            }
            if (highs != null) {
                double high = highs[group];
                if (x > high) {
                    highs[group] = x;
                } else if (!(x < high)) {
                    offer(maximum, group, x, groups);
                }
            }
        }
    }

    /**
     * {@link #accumulate}'s general loop over a float64 column read in place from the mapping:
     * the same rows in the same order, so the same sums, minima and maxima as from arrays.
     */
    private void accumulateMapped(int[] groupIds, MappedValues input, ColumnBatch batch, int groups) {
        long[] counts = count == null ? null : count.counts(groups);
        double[] sums = sum == null ? null : sum.doubles(groups);
        long[] sumCounts = sumCountsPerRow(groups);
        MemorySegment data = input.data();
        long offset = input.offset();
        int[] selection = batch.allSelected() ? null : batch.selection();
        int rows = batch.selectedCount();
        double[] lows = minimum == null ? null : minimum.doubles(groups);
        double[] highs = maximum == null ? null : maximum.doubles(groups);
        for (int k = 0; k < rows; k++) {
            int group = groupIds[k];
            double x = data.get(MappedValues.DOUBLE, offset + (selection == null ? k : selection[k]) * 8L);
            if (counts != null) {
                counts[group]++;
            }
            if (sums != null) {
                sums[group] += x;
                if (sumCounts != null) {
                    sumCounts[group]++;
                }
            }
            if (lows != null) {
                double low = lows[group];
                if (x < low) {
                    lows[group] = x;
                } else if (!(x > low)) {
                    offer(minimum, group, x, groups);
                }
            }
            if (highs != null) {
                double high = highs[group];
                if (x > high) {
                    highs[group] = x;
                } else if (!(x < high)) {
                    offer(maximum, group, x, groups);
                }
            }
        }
    }

    /**
     * The sum's counts to add to row by row, or null when the count rides along: then they are
     * settled from the count's growth ({@link #settle}), whichever loop (arrays, mapping, all
     * four states) a batch takes, so batches of one block may take different loops.
     */
    private long[] sumCountsPerRow(int groups) {
        if (sum == null) {
            return null;
        }
        if (count != null) {
            owing = true;
            return null;
        }
        return sum.counts(groups);
    }

    /** Brings the sum's counts up to date: before they are read or the states' own passes add to them. */
    void settle(int groups) {
        if (!owing) {
            return;
        }
        // Owing with cells, exactly one kind of cells is current: the one that took the rows.
        if (cells != null && cellsCurrent) {
            cells.store(groups, count, sum, minimum, maximum);
        } else if (cells != null) {
            keyedCells.store(keyGroups, groups, count, sum, minimum, maximum);
        }
        long[] counts = count.counts(groups);
        long[] sumCounts = sum.counts(groups);
        long[] marked = marks(groups);
        for (int group = 0; group < groups; group++) {
            sumCounts[group] += counts[group] - marked[group];
            marked[group] = counts[group];
        }
        owing = false;
    }

    /** After the states' own passes: the counts as they are now are settled, and the states hold the truth. */
    void mark(int groups) {
        cellsCurrent = false;
        keyedCellsCurrent = false;
        if (count == null || sum == null) {
            return;
        }
        System.arraycopy(count.counts(groups), 0, marks(groups), 0, groups);
    }

    /** The states were cleared (a new block): nothing is counted yet. */
    void restart() {
        java.util.Arrays.fill(marks, 0);
        owing = false;
        if (cells != null) {
            cells.clear();
            keyedCells.clear();
        }
        cellsCurrent = true;
        keyedCellsCurrent = true;
    }

    private long[] marks(int groups) {
        if (marks.length < groups) {
            marks = java.util.Arrays.copyOf(marks, Math.max(groups, marks.length * 2));
        }
        return marks;
    }

    /** Ties, NaN and the first value of a group: {@link ExtremeState}'s own rule. */
    private static void offer(ExtremeState state, int group, double x, int groups) {
        boolean[] seen = state.seen(groups);
        double[] values = state.doubles(groups);
        int comparison = Double.compare(x, values[group]);
        if (!seen[group] || (state.minimum() ? comparison < 0 : comparison > 0)) {
            values[group] = x;
            seen[group] = true;
        }
    }
}
