package dev.shard.planner.exec.expr;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.type.DataType;
import java.util.List;
import java.util.Locale;

/** length (in code points), lower, upper (locale-independent), contains, starts_with. */
final class StringEvaluator implements VectorEvaluator {
    private final ScalarFunction function;
    private final List<VectorEvaluator> arguments;
    private final BatchColumn out;

    StringEvaluator(ScalarFunction function, DataType type, List<VectorEvaluator> arguments) {
        this.function = function;
        this.arguments = List.copyOf(arguments);
        this.out = new BatchColumn(type, ColumnBatch.CAPACITY);
    }

    @Override
    public DataType type() {
        return out.type();
    }

    @Override
    public BatchColumn evaluate(ColumnBatch batch) {
        int n = batch.size();
        BatchColumn a = arguments.get(0).evaluate(batch);
        BatchColumn b = arguments.size() > 1 ? arguments.get(1).evaluate(batch) : a;
        Nulls.propagate(out, n, a, b);
        String[] x = a.strings;
        String[] y = b.strings;
        for (int i = 0; i < n; i++) {
            if (out.hasNulls && out.nulls[i]) {
                continue;
            }
            switch (function) {
                case LENGTH -> out.longs[i] = x[i].codePointCount(0, x[i].length());
                case LOWER -> out.strings[i] = x[i].toLowerCase(Locale.ROOT);
                case UPPER -> out.strings[i] = x[i].toUpperCase(Locale.ROOT);
                case CONTAINS -> out.booleans[i] = x[i].contains(y[i]);
                case STARTS_WITH -> out.booleans[i] = x[i].startsWith(y[i]);
                default -> throw new IllegalStateException(function + " is not a string function");
            }
        }
        return out;
    }
}
