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

    /** Any of the states may be null; the others must accumulate a DOUBLE column. */
    DoubleColumnFold(CountState count, SumState sum, ExtremeState minimum, ExtremeState maximum) {
        this.count = count;
        this.sum = sum;
        this.minimum = minimum;
        this.maximum = maximum;
        this.cells = count != null && sum != null && minimum != null && maximum != null ? new FoldCells() : null;
    }

    /** Adds the selected rows of {@code batch}; {@code input} has no nulls and may be mapped. */
    void accumulate(int[] groupIds, BatchColumn input, ColumnBatch batch, int groups) {
        int[] selection = batch.allSelected() ? null : batch.selection();
        if (cells != null) {
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
        if (cells != null) {
            cells.store(groups, count, sum, minimum, maximum);
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

    /** After the states' own passes: the counts as they are now are settled. */
    void mark(int groups) {
        if (cells != null) {
            cells.load(groups, count, sum, minimum, maximum);
        }
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
        }
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
