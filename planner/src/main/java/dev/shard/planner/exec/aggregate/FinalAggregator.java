package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The merge of a hash aggregation: folds block partials, which must arrive in block
 * order, into one state per group. Groups come out in order of first appearance in the
 * input, so the result is the same for any shard layout and worker count. With no keys,
 * an empty input still gives one row (count 0, other aggregates null), as in SQL.
 */
public final class FinalAggregator {
    private final Schema output;
    private final int keyCount;
    private final GroupKeys groups;
    private final List<AggregateState> states = new ArrayList<>();
    /** False for a state that shares the columns of one before it (sum and mean of one DOUBLE): merged once, there. */
    private final List<Boolean> mergedHere = new ArrayList<>();
    private int[] groupIds = new int[1024];
    private long[] firstSeen = new long[1024];
    private long lastBlock = -1;

    public FinalAggregator(Schema input, List<String> keys, List<AggregateCall> aggregates, Schema output) {
        this.output = output;
        this.keyCount = keys.size();
        this.groups = GroupKeys.create(keys.stream().map(key -> input.require(key, "group").type()).toList());
        Map<Expr, SumState> doubleSums = new HashMap<>();
        for (AggregateCall aggregate : aggregates) {
            DataType argument = aggregate.argument() == null ? null : aggregate.argument().type(input);
            AggregateState state = AggregateState.create(aggregate.function(), argument);
            SumState merged = state instanceof SumState sum && sum.shareable()
                    ? doubleSums.putIfAbsent(aggregate.argument(), sum) : null;
            if (merged != null) {
                state = new SumState(merged, aggregate.function() == AggregateFunction.MEAN);
            }
            states.add(state);
            mergedHere.add(merged == null);
        }
    }

    public void merge(BlockPartial partial) {
        if (partial.block() <= lastBlock) {
            throw new IllegalStateException("block partials out of order: block " + partial.block() + " after "
                    + lastBlock + " (results must be folded in block order to be deterministic)");
        }
        lastBlock = partial.block();
        if (groupIds.length < partial.groups()) {
            groupIds = new int[Math.max(partial.groups(), groupIds.length * 2)];
        }
        int known = groups.size();
        groups.insertAll(partial.keys(), partial.groups(), groupIds);
        // New groups are numbered in order of first appearance, so each one's first row comes in that order.
        for (int r = 0, next = known; r < partial.groups() && next < groups.size(); r++) {
            if (groupIds[r] == next) {
                recordFirstSeen(next, partial.firstSeen(r));
                next++;
            }
        }
        for (int a = 0; a < states.size(); a++) {
            if (!mergedHere.get(a)) {
                continue;
            }
            states.get(a).merge(groupIds, partial.states()[a], partial.groups(), groups.size());
        }
    }

    private void recordFirstSeen(int group, long seen) {
        if (group >= firstSeen.length) {
            firstSeen = java.util.Arrays.copyOf(firstSeen, Math.max(group + 1, firstSeen.length * 2));
        }
        firstSeen[group] = seen;
    }

    /**
     * Where each group of {@link #finish} was first seen (see BlockPartial#firstSeen), in
     * group order: ascending, so the results of several partitions merge by it into the
     * order one merge of every partial gives.
     */
    public BatchColumn firstSeen() {
        int groupCount = groups.size();
        BatchColumn column = new BatchColumn(DataType.INT, groupCount);
        System.arraycopy(firstSeen, 0, column.longs, 0, groupCount);
        return column;
    }

    public ColumnTable finish() {
        int groupCount = groups.size();
        if (keyCount == 0 && groupCount == 0) {
            groups.insert(new BatchColumn[0], 0);
            groupCount = 1;
        }
        List<BatchColumn> columns = new ArrayList<>(List.of(groups.export()));
        for (AggregateState state : states) {
            columns.add(state.finish(groupCount));
        }
        return new ColumnTable(output, groupCount, columns);
    }
}
