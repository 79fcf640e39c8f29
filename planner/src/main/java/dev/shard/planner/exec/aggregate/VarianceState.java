package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.type.DataType;
import java.util.Arrays;

/**
 * var and sd (sample, n − 1): Welford's update row by row within a block, Chan's
 * pairwise combination across blocks in block order. Null below two values.
 */
final class VarianceState extends AggregateState {
    private final boolean standardDeviation;
    private final BatchColumn counts = new BatchColumn(DataType.INT, 256);
    private final BatchColumn means = new BatchColumn(DataType.DOUBLE, 256);
    private final BatchColumn squares = new BatchColumn(DataType.DOUBLE, 256);

    VarianceState(DataType argument, boolean standardDeviation) {
        this.standardDeviation = standardDeviation;
    }

    private void grow(int groups) {
        counts.ensureCapacity(groups);
        means.ensureCapacity(groups);
        squares.ensureCapacity(groups);
    }

    @Override
    public void accumulate(int[] groupIds, BatchColumn input, ColumnBatch batch, int groups) {
        grow(groups);
        int count = batch.selectedCount();
        for (int k = 0; k < count; k++) {
            int row = batch.selected(k);
            if (input.isNull(row)) {
                continue;
            }
            int group = groupIds[k];
            double x = number(input, row);
            long n = ++counts.longs[group];
            double delta = x - means.doubles[group];
            means.doubles[group] += delta / n;
            squares.doubles[group] += delta * (x - means.doubles[group]);
        }
    }

    @Override
    public BatchColumn[] export(int groups) {
        return new BatchColumn[] {counts.trimmed(groups), means.trimmed(groups), squares.trimmed(groups)};
    }

    @Override
    public void merge(int[] groupIds, BatchColumn[] partial, int rows, int groups) {
        grow(groups);
        for (int r = 0; r < rows; r++) {
            long other = partial[0].longs[r];
            if (other == 0) {
                continue;
            }
            int group = groupIds[r];
            long mine = counts.longs[group];
            long total = mine + other;
            double delta = partial[1].doubles[r] - means.doubles[group];
            means.doubles[group] += delta * other / total;
            squares.doubles[group] += partial[2].doubles[r] + delta * delta * ((double) mine * other / total);
            counts.longs[group] = total;
        }
    }

    @Override
    public BatchColumn finish(int groups) {
        grow(groups);
        BatchColumn result = new BatchColumn(DataType.DOUBLE, groups);
        for (int group = 0; group < groups; group++) {
            long n = counts.longs[group];
            if (n < 2) {
                result.setNull(group);
                continue;
            }
            double variance = squares.doubles[group] / (n - 1);
            result.doubles[group] = standardDeviation ? Math.sqrt(variance) : variance;
        }
        return result;
    }

    @Override
    public void clear() {
        Arrays.fill(counts.longs, 0);
        Arrays.fill(means.doubles, 0);
        Arrays.fill(squares.doubles, 0);
    }
}
