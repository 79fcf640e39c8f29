package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.type.DataType;
import java.util.Arrays;

/** count() counts rows; count(x) the rows where x is not null. Never null itself. */
final class CountState extends AggregateState {
    private final boolean skipNulls;
    private BatchColumn counts = new BatchColumn(DataType.INT, 256);

    CountState(boolean skipNulls) {
        this.skipNulls = skipNulls;
    }

    @Override
    public void accumulate(int[] groupIds, BatchColumn input, ColumnBatch batch, int groups) {
        grow(groups);
        long[] c = counts.longs;
        int count = batch.selectedCount();
        boolean checkNulls = skipNulls && input.hasNulls;
        for (int k = 0; k < count; k++) {
            if (!checkNulls || !input.nulls[batch.selected(k)]) {
                c[groupIds[k]]++;
            }
        }
    }

    /** The counts by group, for {@link DoubleColumnFold} and {@link DoubleSumsFold}. */
    long[] counts(int groups) {
        grow(groups);
        return counts.longs;
    }

    private void grow(int groups) {
        int old = counts.capacity();
        counts.ensureCapacity(groups);
        if (counts.capacity() > old) {
            Arrays.fill(counts.longs, old, counts.capacity(), 0);
        }
    }

    @Override
    public BatchColumn[] export(int groups) {
        return new BatchColumn[] {counts.trimmed(groups)};
    }

    @Override
    void write(int groups, PartialsWriter out) {
        grow(groups);
        out.columnCount(1);
        out.column(counts, groups, null, false);
    }

    @Override
    public void merge(int[] groupIds, BatchColumn[] partial, int rows, int groups) {
        grow(groups);
        long[] source = partial[0].longs;
        for (int r = 0; r < rows; r++) {
            counts.longs[groupIds[r]] += source[r];
        }
    }

    @Override
    public BatchColumn finish(int groups) {
        grow(groups);
        return counts.trimmed(groups);
    }

    @Override
    public void clear() {
        Arrays.fill(counts.longs, 0);
    }
}
