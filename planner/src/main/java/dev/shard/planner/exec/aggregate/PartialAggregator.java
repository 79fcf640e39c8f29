package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.expr.ExpressionCompiler;
import dev.shard.planner.exec.expr.VectorEvaluator;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.Column;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker side of a hash aggregation: groups and accumulates the selected rows of
 * each batch, and at every block boundary hands back that block's {@link BlockPartial}
 * and starts afresh.
 */
public final class PartialAggregator {
    private final List<VectorEvaluator> keyEvaluators = new ArrayList<>();
    private final List<VectorEvaluator> argumentEvaluators = new ArrayList<>();
    private final List<AggregateState> states = new ArrayList<>();
    private final GroupKeys groups;
    private final BatchColumn[] keyValues;
    private final int[] groupIds = new int[ColumnBatch.CAPACITY];
    private final BatchColumn rowCounter = new BatchColumn(DataType.BOOL, ColumnBatch.CAPACITY);

    public PartialAggregator(Schema input, List<String> keys, List<AggregateCall> aggregates) {
        List<DataType> keyTypes = new ArrayList<>();
        for (String key : keys) {
            VectorEvaluator evaluator = ExpressionCompiler.compile(new Column(key), input);
            keyEvaluators.add(evaluator);
            keyTypes.add(evaluator.type());
        }
        for (AggregateCall aggregate : aggregates) {
            VectorEvaluator argument = aggregate.argument() == null ? null
                    : ExpressionCompiler.compile(aggregate.argument(), input);
            argumentEvaluators.add(argument);
            states.add(AggregateState.create(aggregate.function(), argument == null ? null : argument.type()));
        }
        groups = GroupKeys.create(keyTypes);
        keyValues = new BatchColumn[keys.size()];
    }

    public void consume(ColumnBatch batch) {
        if (batch.selectedCount() == 0) {
            return;
        }
        for (int k = 0; k < keyValues.length; k++) {
            keyValues[k] = keyEvaluators.get(k).evaluate(batch);
        }
        groups.assign(keyValues, batch, groupIds);
        int groupCount = groups.size();
        for (int a = 0; a < states.size(); a++) {
            VectorEvaluator argument = argumentEvaluators.get(a);
            BatchColumn input = argument == null ? rowCounter : argument.evaluate(batch);
            states.get(a).accumulate(groupIds, input, batch, groupCount);
        }
    }

    /** The partial of {@code block}, or null when no row of it reached the aggregation; then starts afresh. */
    public BlockPartial finishBlock(long block) {
        int groupCount = groups.size();
        if (groupCount == 0) {
            return null;
        }
        BatchColumn[][] exported = new BatchColumn[states.size()][];
        for (int a = 0; a < states.size(); a++) {
            exported[a] = states.get(a).export(groupCount);
            states.get(a).clear();
        }
        BlockPartial partial = new BlockPartial(block, groupCount, groups.export(), exported);
        groups.clear();
        return partial;
    }
}
