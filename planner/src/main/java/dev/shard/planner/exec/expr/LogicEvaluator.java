package dev.shard.planner.exec.expr;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.type.DataType;
import java.util.List;

/**
 * and, or, not and is_null with SQL's three-valued logic: {@code false and null} is
 * false, {@code true or null} is true, otherwise null wins.
 */
final class LogicEvaluator implements VectorEvaluator {
    private final ScalarFunction function;
    private final List<VectorEvaluator> arguments;
    private final BatchColumn out = new BatchColumn(DataType.BOOL, ColumnBatch.CAPACITY);

    LogicEvaluator(ScalarFunction function, List<VectorEvaluator> arguments) {
        this.function = function;
        this.arguments = List.copyOf(arguments);
    }

    @Override
    public DataType type() {
        return DataType.BOOL;
    }

    @Override
    public BatchColumn evaluate(ColumnBatch batch) {
        int n = batch.size();
        BatchColumn a = arguments.get(0).evaluate(batch);
        boolean[] r = out.booleans;
        switch (function) {
            case IS_NULL -> {
                out.hasNulls = false;
                for (int i = 0; i < n; i++) {
                    r[i] = a.hasNulls && a.nulls[i];
                }
            }
            case NOT -> {
                Nulls.propagate(out, n, a);
                for (int i = 0; i < n; i++) {
                    r[i] = !a.booleans[i];
                }
            }
            case AND, OR -> binary(a, arguments.get(1).evaluate(batch), n, function == ScalarFunction.AND);
            default -> throw new IllegalStateException(function + " is not a logical function");
        }
        return out;
    }

    private void binary(BatchColumn a, BatchColumn b, int n, boolean and) {
        boolean[] x = a.booleans;
        boolean[] y = b.booleans;
        boolean[] r = out.booleans;
        if (!a.hasNulls && !b.hasNulls) {
            out.hasNulls = false;
            for (int i = 0; i < n; i++) {
                r[i] = and ? x[i] & y[i] : x[i] | y[i];
            }
            return;
        }
        out.hasNulls = true;
        for (int i = 0; i < n; i++) {
            boolean xNull = a.hasNulls && a.nulls[i];
            boolean yNull = b.hasNulls && b.nulls[i];
            // The value that decides alone: false for and, true for or.
            boolean decisive = !and;
            if ((!xNull && x[i] == decisive) || (!yNull && y[i] == decisive)) {
                r[i] = decisive;
                out.nulls[i] = false;
            } else if (xNull || yNull) {
                r[i] = false;
                out.nulls[i] = true;
            } else {
                r[i] = !decisive;
                out.nulls[i] = false;
            }
        }
    }
}
