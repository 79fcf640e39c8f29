package dev.shard.planner.exec.expr;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.type.DataType;

/**
 * Comparisons of two operands of one type (the compiler widens INT against DOUBLE).
 * A comparison with null is null. Doubles compare as Java's primitives do (NaN is
 * unequal to everything); strings by {@link String#compareTo}; {@code false < true}.
 */
final class ComparisonEvaluator implements VectorEvaluator {
    private final ScalarFunction function;
    private final VectorEvaluator left;
    private final VectorEvaluator right;
    private final BatchColumn out = new BatchColumn(DataType.BOOL, ColumnBatch.CAPACITY);

    ComparisonEvaluator(ScalarFunction function, VectorEvaluator left, VectorEvaluator right) {
        this.function = function;
        this.left = left;
        this.right = right;
    }

    @Override
    public DataType type() {
        return DataType.BOOL;
    }

    @Override
    public BatchColumn evaluate(ColumnBatch batch) {
        BatchColumn a = left.evaluateInPlace(batch);
        BatchColumn b = right.evaluateInPlace(batch);
        int n = batch.size();
        if (a.mapped() != null || b.mapped() != null) {
            if (againstConstant(a, right, function, n)
                    || againstConstant(b, left, MappedComparisons.mirrored(function), n)) {
                return out;
            }
            a.heap();
            b.heap();
        }
        Nulls.propagate(out, n, a, b);
        boolean[] r = out.booleans;
        switch (a.type()) {
            case DOUBLE -> doubles(a.doubles, b.doubles, r, n);
            case INT -> longs(a.longs, b.longs, r, n);
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = holds(Boolean.compare(a.booleans[i], b.booleans[i]));
                }
            }
            case STRING -> {
                for (int i = 0; i < n; i++) {
                    boolean isNull = out.hasNulls && out.nulls[i];
                    r[i] = !isNull && holds(a.strings[i].compareTo(b.strings[i]));
                }
            }
        }
        return out;
    }

    @Override
    public void narrow(ColumnBatch batch) {
        if (!(narrowsInPlace(batch, left, right, function)
                || narrowsInPlace(batch, right, left, MappedComparisons.mirrored(function)))) {
            batch.narrow(evaluate(batch));
        }
    }

    /**
     * A column reference against a numeric constant, narrowed in one pass when the column is
     * mapped ({@link MappedSelections}); only a column reference, so that nothing is computed
     * twice when the general path runs after all.
     */
    private static boolean narrowsInPlace(ColumnBatch batch, VectorEvaluator column, VectorEvaluator other,
            ScalarFunction comparison) {
        return column instanceof ColumnEvaluator && other instanceof ConstantEvaluator constant
                && constant.value() instanceof Number value
                && MappedSelections.narrow(batch, column.evaluateInPlace(batch), comparison, value);
    }

    /** A mapped column against a non-null constant, read in place; false when that is not the shape. */
    private boolean againstConstant(BatchColumn column, VectorEvaluator other, ScalarFunction comparison, int n) {
        if (column.mapped() == null || !(other instanceof ConstantEvaluator constant)
                || !(constant.value() instanceof Number value)) {
            return false;
        }
        Nulls.propagate(out, n, column);
        MappedComparisons.compare(comparison, column.mapped(), value, out.booleans, n);
        return true;
    }

    private void doubles(double[] x, double[] y, boolean[] r, int n) {
        switch (function) {
            case EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] == y[i];
                }
            }
            case NOT_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] != y[i];
                }
            }
            case LESS -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] < y[i];
                }
            }
            case LESS_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] <= y[i];
                }
            }
            case GREATER -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] > y[i];
                }
            }
            case GREATER_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] >= y[i];
                }
            }
            default -> throw new IllegalStateException(function + " is not a comparison");
        }
    }

    /**
     * One loop per comparison, as for doubles: with the comparison chosen per row (a switch
     * over {@code function}) C2 compiles a scalar loop; these vectorise. The scan
     * benchmark's {@code m < 900} is one.
     */
    private void longs(long[] x, long[] y, boolean[] r, int n) {
        switch (function) {
            case EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] == y[i];
                }
            }
            case NOT_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] != y[i];
                }
            }
            case LESS -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] < y[i];
                }
            }
            case LESS_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] <= y[i];
                }
            }
            case GREATER -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] > y[i];
                }
            }
            case GREATER_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x[i] >= y[i];
                }
            }
            default -> throw new IllegalStateException(function + " is not a comparison");
        }
    }

    private boolean holds(int comparison) {
        return switch (function) {
            case EQUAL -> comparison == 0;
            case NOT_EQUAL -> comparison != 0;
            case LESS -> comparison < 0;
            case LESS_EQUAL -> comparison <= 0;
            case GREATER -> comparison > 0;
            case GREATER_EQUAL -> comparison >= 0;
            default -> throw new IllegalStateException(function + " is not a comparison");
        };
    }
}
