package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.type.DataType;
import java.util.Arrays;

/** first and last: the first or last non-null value in row order (blocks merge in block order). */
final class PositionalState extends AggregateState {
    private final boolean first;
    private final BatchColumn values;
    private final BatchColumn seen = new BatchColumn(DataType.BOOL, 256);

    PositionalState(DataType type, boolean first) {
        this.first = first;
        this.values = new BatchColumn(type, 256);
    }

    @Override
    public void accumulate(int[] groupIds, BatchColumn input, ColumnBatch batch, int groups) {
        grow(groups);
        int count = batch.selectedCount();
        for (int k = 0; k < count; k++) {
            offer(groupIds[k], input, batch.selected(k));
        }
    }

    private void offer(int group, BatchColumn input, int row) {
        if (input.isNull(row) || (first && seen.booleans[group])) {
            return;
        }
        values.copyRow(input, row, group);
        seen.booleans[group] = true;
    }

    private void grow(int groups) {
        values.ensureCapacity(groups);
        seen.ensureCapacity(groups);
    }

    @Override
    public BatchColumn[] export(int groups) {
        return new BatchColumn[] {finish(groups)};
    }

    @Override
    public void merge(int[] groupIds, BatchColumn[] partial, int rows, int groups) {
        grow(groups);
        for (int r = 0; r < rows; r++) {
            offer(groupIds[r], partial[0], r);
        }
    }

    @Override
    public BatchColumn finish(int groups) {
        grow(groups);
        BatchColumn result = values.trimmed(groups);
        result.hasNulls = false;
        for (int group = 0; group < groups; group++) {
            result.nulls[group] = false;
            if (!seen.booleans[group]) {
                result.setNull(group);
            }
        }
        return result;
    }

    @Override
    public void clear() {
        Arrays.fill(seen.booleans, false);
    }
}
