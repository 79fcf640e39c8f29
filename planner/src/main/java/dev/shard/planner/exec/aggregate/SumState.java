package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.type.DataType;
import java.util.Arrays;

/**
 * sum and mean. An INT sum stays INT (wrapping, so exact in any order); a DOUBLE sum
 * and every mean add doubles in row order within a block and in block order across
 * blocks. Null when the group has no non-null value.
 */
final class SumState extends AggregateState {
    private final DataType argument;
    private final boolean mean;
    private final BatchColumn sums;
    private final BatchColumn counts;

    SumState(DataType argument, boolean mean) {
        this.argument = argument;
        this.mean = mean;
        this.sums = new BatchColumn(argument == DataType.INT && !mean ? DataType.INT : DataType.DOUBLE, 256);
        this.counts = new BatchColumn(DataType.INT, 256);
    }

    /** The DOUBLE sums by group, for {@link DoubleColumnFold} and {@link DoubleSumsFold}; null for an INT sum. */
    double[] doubles(int groups) {
        grow(groups);
        return sums.type() == DataType.DOUBLE ? sums.doubles : null;
    }

    long[] counts(int groups) {
        grow(groups);
        return counts.longs;
    }

    private void grow(int groups) {
        sums.ensureCapacity(groups);
        counts.ensureCapacity(groups);
    }

    @Override
    public void accumulate(int[] groupIds, BatchColumn input, ColumnBatch batch, int groups) {
        grow(groups);
        long[] c = counts.longs;
        int count = batch.selectedCount();
        boolean nulls = input.hasNulls;
        if (sums.type() == DataType.INT) {
            long[] s = sums.longs;
            long[] values = input.longs;
            for (int k = 0; k < count; k++) {
                int row = batch.selected(k);
                if (!nulls || !input.nulls[row]) {
                    s[groupIds[k]] += values[row];
                    c[groupIds[k]]++;
                }
            }
            return;
        }
        double[] s = sums.doubles;
        if (argument == DataType.DOUBLE && !nulls) {
            double[] values = input.doubles;
            for (int k = 0; k < count; k++) {
                int group = groupIds[k];
                s[group] += values[batch.selected(k)];
                c[group]++;
            }
            return;
        }
        for (int k = 0; k < count; k++) {
            int row = batch.selected(k);
            if (!nulls || !input.nulls[row]) {
                s[groupIds[k]] += number(input, row);
                c[groupIds[k]]++;
            }
        }
    }

    @Override
    public BatchColumn[] export(int groups) {
        return new BatchColumn[] {sums.trimmed(groups), counts.trimmed(groups)};
    }

    @Override
    void write(int groups, PartialsWriter out) {
        grow(groups);
        out.columnCount(2);
        out.column(sums, groups, null, false);
        out.column(counts, groups, null, false);
    }

    /**
     * A state that reads and grows {@code merged}'s columns, so that the driver merges the
     * partials of sum(x) and mean(x) of one DOUBLE x (the same columns) once.
     */
    SumState(SumState merged, boolean mean) {
        this.argument = merged.argument;
        this.mean = mean;
        this.sums = merged.sums;
        this.counts = merged.counts;
    }

    /** Whether {@link #SumState(SumState, boolean)} may share this state's columns: a DOUBLE sum or mean of a DOUBLE. */
    boolean shareable() {
        return argument == DataType.DOUBLE;
    }

    @Override
    public void merge(int[] groupIds, BatchColumn[] partial, int rows, int groups) {
        grow(groups);
        long[] partialCounts = partial[1].longs;
        long[] c = counts.longs;
        boolean integers = sums.type() == DataType.INT;
        if (!integers) {
            double[] s = sums.doubles;
            double[] values = partial[0].doubles;
            for (int r = 0; r < rows; r++) {
                long n = partialCounts[r];
                // A group with no value in the block adds nothing (not even +0.0 to a -0.0 sum).
                if (n != 0) {
                    int group = groupIds[r];
                    s[group] += values[r];
                    c[group] += n;
                }
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            int group = groupIds[r];
            if (partialCounts[r] == 0) {
                continue;
            }
            if (integers) {
                sums.longs[group] += partial[0].longs[r];
            } else {
                sums.doubles[group] += partial[0].doubles[r];
            }
            c[group] += partialCounts[r];
        }
    }

    @Override
    public BatchColumn finish(int groups) {
        grow(groups);
        BatchColumn result = mean ? new BatchColumn(DataType.DOUBLE, groups) : sums.trimmed(groups);
        for (int group = 0; group < groups; group++) {
            long n = counts.longs[group];
            if (n == 0) {
                result.setNull(group);
            } else if (mean) {
                result.doubles[group] = sums.doubles[group] / n;
            }
        }
        return result;
    }

    @Override
    public void clear() {
        if (sums.type() == DataType.INT) {
            Arrays.fill(sums.longs, 0);
        } else {
            Arrays.fill(sums.doubles, 0);
        }
        Arrays.fill(counts.longs, 0);
    }
}
