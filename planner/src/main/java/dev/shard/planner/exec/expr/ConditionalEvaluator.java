package dev.shard.planner.exec.expr;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.type.DataType;
import java.util.List;

/**
 * if, case and coalesce: every argument is evaluated for the whole batch, then each row
 * takes its value from the argument that applies (a null condition counts as false).
 */
final class ConditionalEvaluator implements VectorEvaluator {
    private final ScalarFunction function;
    private final List<VectorEvaluator> arguments;
    private final BatchColumn[] values;
    private final BatchColumn out;

    ConditionalEvaluator(ScalarFunction function, DataType type, List<VectorEvaluator> arguments) {
        this.function = function;
        this.arguments = List.copyOf(arguments);
        this.values = new BatchColumn[arguments.size()];
        this.out = new BatchColumn(type, ColumnBatch.CAPACITY);
    }

    @Override
    public DataType type() {
        return out.type();
    }

    @Override
    public BatchColumn evaluate(ColumnBatch batch) {
        for (int i = 0; i < values.length; i++) {
            values[i] = arguments.get(i).evaluate(batch);
        }
        int n = batch.size();
        out.hasNulls = false;
        for (int row = 0; row < n; row++) {
            out.copyRow(values[chosen(row)], row, row);
        }
        return out;
    }

    /** The index of the argument whose value row {@code row} takes. */
    private int chosen(int row) {
        return switch (function) {
            case IF -> isTrue(values[0], row) ? 1 : 2;
            case CASE -> {
                for (int i = 0; i + 1 < values.length; i += 2) {
                    if (isTrue(values[i], row)) {
                        yield i + 1;
                    }
                }
                yield values.length - 1;
            }
            case COALESCE -> {
                for (int i = 0; i < values.length - 1; i++) {
                    if (!values[i].isNull(row)) {
                        yield i;
                    }
                }
                yield values.length - 1;
            }
            default -> throw new IllegalStateException(function + " is not a conditional");
        };
    }

    private static boolean isTrue(BatchColumn condition, int row) {
        return !condition.isNull(row) && condition.booleans[row];
    }
}
