package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.expr.ExpressionCompiler;
import dev.shard.planner.exec.expr.VectorEvaluator;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Schema;
import dev.shard.planner.expr.AggregateFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker side of a hash aggregation: groups and accumulates the selected rows of
 * each batch, and at every block boundary hands back that block's {@link BlockPartial}
 * and starts afresh. Aggregates whose partial state is the same computation share one
 * state (sum and mean of one DOUBLE argument, or the same call twice): it is accumulated
 * once and its exported columns are handed to each of them.
 */
public final class PartialAggregator {
    private final List<VectorEvaluator> keyEvaluators = new ArrayList<>();
    private final List<VectorEvaluator> argumentEvaluators = new ArrayList<>();
    private final List<AggregateState> states = new ArrayList<>();
    private final StatePasses passes;
    /** stateOf[a] = the index in {@code states} of aggregate a's state. */
    private final int[] stateOf;
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
        stateOf = new int[aggregates.size()];
        List<Expr> argumentExpressions = new ArrayList<>();
        Map<List<Object>, Integer> distinct = new HashMap<>();
        for (int a = 0; a < aggregates.size(); a++) {
            AggregateCall aggregate = aggregates.get(a);
            VectorEvaluator argument = aggregate.argument() == null ? null
                    : ExpressionCompiler.compile(aggregate.argument(), input);
            DataType type = argument == null ? null : argument.type();
            List<Object> identity = Arrays.asList(sameStateAs(aggregate.function(), type), aggregate.argument());
            Integer shared = distinct.get(identity);
            if (shared == null) {
                shared = states.size();
                distinct.put(identity, shared);
                argumentEvaluators.add(argument);
                argumentExpressions.add(aggregate.argument());
                states.add(AggregateState.create(aggregate.function(), type));
            }
            stateOf[a] = shared;
        }
        passes = new StatePasses(states, argumentEvaluators, argumentExpressions);
        groups = GroupKeys.create(keyTypes);
        keyValues = new BatchColumn[keys.size()];
    }

    /** Sum and mean of a DOUBLE keep the same partial state (double sums in row order, counts). */
    private static AggregateFunction sameStateAs(AggregateFunction function, DataType argument) {
        return function == AggregateFunction.MEAN && argument == DataType.DOUBLE ? AggregateFunction.SUM : function;
    }

    public void consume(ColumnBatch batch) {
        if (batch.selectedCount() == 0) {
            return;
        }
        // One INT key is read in place from a mapped scan column; the other key forms want arrays.
        boolean inPlace = groups instanceof IntKeyGroups;
        for (int k = 0; k < keyValues.length; k++) {
            VectorEvaluator key = keyEvaluators.get(k);
            keyValues[k] = inPlace ? key.evaluateInPlace(batch) : key.evaluate(batch);
        }
        if (groups instanceof IntKeyGroups intKeys && passes.accumulateByKey(intKeys, keyValues[0], batch)) {
            return;
        }
        groups.assign(keyValues, batch, groupIds);
        passes.accumulate(groupIds, batch, groups.size(), rowCounter);
    }

    /** A writer for this shard's block partials bound for the driver (see {@link #finishBlock(long, PartialsWriter)}). */
    public PartialsWriter newWriter() {
        return new PartialsWriter(stateOf, states.size());
    }

    /**
     * Writes the partial of {@code block} into {@code out} (nothing when no row of it reached
     * the aggregation), straight from the states' arrays, then starts afresh.
     */
    public void finishBlock(long block, PartialsWriter out) {
        int groupCount = groups.size();
        if (groupCount == 0) {
            return;
        }
        passes.settle(groupCount);
        out.startBlock(block, groupCount);
        groups.write(out);
        for (AggregateState state : states) {
            state.write(groupCount, out);
            state.clear();
        }
        passes.restart();
        groups.clear();
    }

    /** The partial of {@code block}, or null when no row of it reached the aggregation; then starts afresh. */
    public BlockPartial finishBlock(long block) {
        int groupCount = groups.size();
        if (groupCount == 0) {
            return null;
        }
        passes.settle(groupCount);
        BatchColumn[][] distinct = new BatchColumn[states.size()][];
        for (int s = 0; s < states.size(); s++) {
            distinct[s] = states.get(s).export(groupCount);
            states.get(s).clear();
        }
        BatchColumn[][] exported = new BatchColumn[stateOf.length][];
        for (int a = 0; a < stateOf.length; a++) {
            exported[a] = distinct[stateOf[a]];
        }
        BlockPartial partial = new BlockPartial(block, groupCount, groups.export(), exported);
        passes.restart();
        groups.clear();
        return partial;
    }
}
