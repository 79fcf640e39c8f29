package dev.shard.planner.exec.expr;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.type.DataType;

/**
 * Binary arithmetic over two operands already widened to the result type. INT wraps
 * around on overflow (Java {@code long}); an INT remainder by zero is null; DOUBLE
 * follows IEEE 754 ({@code 1.0 / 0} is infinity).
 */
final class ArithmeticEvaluator implements VectorEvaluator {
    private final ScalarFunction function;
    private final VectorEvaluator left;
    private final VectorEvaluator right;
    private final BatchColumn out;

    ArithmeticEvaluator(ScalarFunction function, DataType type, VectorEvaluator left, VectorEvaluator right) {
        this.function = function;
        this.left = left;
        this.right = right;
        this.out = new BatchColumn(type, ColumnBatch.CAPACITY);
    }

    @Override
    public DataType type() {
        return out.type();
    }

    @Override
    public BatchColumn evaluate(ColumnBatch batch) {
        BatchColumn a = left.evaluateInPlace(batch);
        BatchColumn b = right.evaluateInPlace(batch);
        int n = batch.size();
        Nulls.propagate(out, n, a, b);
        if (a.mapped() != null || b.mapped() != null) {
            if (out.type() == DataType.DOUBLE) {
                MappedArithmetic.doubles(function, a, b, out.doubles, n);
                return out;
            }
            a.heap();
            b.heap();
        }
        if (out.type() == DataType.INT) {
            longs(a.longs, b.longs, n);
        } else {
            doubles(a.doubles, b.doubles, n);
        }
        return out;
    }

    private void longs(long[] a, long[] b, int n) {
        long[] r = out.longs;
        switch (function) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] + b[i];
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] - b[i];
                }
            }
            case MULTIPLY -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] * b[i];
                }
            }
            case MODULO -> {
                for (int i = 0; i < n; i++) {
                    if (b[i] == 0) {
                        out.setNull(i);
                        r[i] = 0;
                    } else {
                        r[i] = a[i] % b[i];
                    }
                }
            }
            default -> throw new IllegalStateException(function + " has no INT form");
        }
    }

    private void doubles(double[] a, double[] b, int n) {
        double[] r = out.doubles;
        switch (function) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] + b[i];
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] - b[i];
                }
            }
            case MULTIPLY -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] * b[i];
                }
            }
            case DIVIDE -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] / b[i];
                }
            }
            case MODULO -> {
                for (int i = 0; i < n; i++) {
                    r[i] = a[i] % b[i];
                }
            }
            case POW -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.pow(a[i], b[i]);
                }
            }
            default -> throw new IllegalStateException(function + " has no DOUBLE form");
        }
    }
}
