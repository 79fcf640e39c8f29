package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.type.DataType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * count_distinct(x): the exact number of distinct non-null values per group. A block
 * exports its distinct values per group (partial columns: the count per group, then
 * every group's values one after another, in first-seen order); the merge unions them.
 * A count does not depend on the order of a union, so the result is the same for any
 * layout. Doubles are distinct by value with −0.0 equal to 0.0 and NaN equal to NaN.
 */
final class DistinctState extends AggregateState {
    private final DataType type;
    private final List<Set<Object>> sets = new ArrayList<>();

    DistinctState(DataType type) {
        this.type = type;
    }

    @Override
    public void accumulate(int[] groupIds, BatchColumn input, ColumnBatch batch, int groups) {
        grow(groups);
        int count = batch.selectedCount();
        for (int k = 0; k < count; k++) {
            int row = batch.selected(k);
            if (!input.isNull(row)) {
                sets.get(groupIds[k]).add(value(input, row));
            }
        }
    }

    private void grow(int groups) {
        while (sets.size() < groups) {
            sets.add(new LinkedHashSet<>());
        }
    }

    private Object value(BatchColumn column, int row) {
        return switch (type) {
            case INT -> column.longs[row];
            case DOUBLE -> column.doubles[row] == 0.0 ? 0.0 : column.doubles[row];
            case BOOL -> column.booleans[row];
            case STRING -> column.strings[row];
        };
    }

    @Override
    public BatchColumn[] export(int groups) {
        grow(groups);
        BatchColumn counts = new BatchColumn(DataType.INT, groups);
        int total = 0;
        for (int g = 0; g < groups; g++) {
            counts.longs[g] = sets.get(g).size();
            total += sets.get(g).size();
        }
        BatchColumn values = new BatchColumn(type, total);
        int at = 0;
        for (int g = 0; g < groups; g++) {
            for (Object value : sets.get(g)) {
                values.set(at++, value);
            }
        }
        return new BatchColumn[] {counts, values};
    }

    @Override
    public void merge(int[] groupIds, BatchColumn[] partial, int rows, int groups) {
        grow(groups);
        int at = 0;
        for (int r = 0; r < rows; r++) {
            Set<Object> set = sets.get(groupIds[r]);
            for (long v = 0; v < partial[0].longs[r]; v++, at++) {
                set.add(value(partial[1], at));
            }
        }
    }

    @Override
    public BatchColumn finish(int groups) {
        grow(groups);
        BatchColumn result = new BatchColumn(DataType.INT, groups);
        for (int g = 0; g < groups; g++) {
            result.longs[g] = sets.get(g).size();
        }
        return result;
    }

    @Override
    public void clear() {
        sets.clear();
    }
}
