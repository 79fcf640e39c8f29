package dev.shard.planner.exec.expr;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.type.DataType;

/**
 * One-argument numeric functions. negate, abs, floor, ceil and round keep the argument's
 * type (on INT, floor/ceil/round are the identity); sqrt, log and exp take a DOUBLE
 * (widened by the compiler) and follow {@link Math} (sqrt(-1) is NaN, log(0) is -inf).
 */
final class MathEvaluator implements VectorEvaluator {
    private final ScalarFunction function;
    private final VectorEvaluator argument;
    private final BatchColumn out;

    MathEvaluator(ScalarFunction function, VectorEvaluator argument) {
        this.function = function;
        this.argument = argument;
        this.out = new BatchColumn(argument.type(), ColumnBatch.CAPACITY);
    }

    @Override
    public DataType type() {
        return out.type();
    }

    @Override
    public BatchColumn evaluate(ColumnBatch batch) {
        BatchColumn a = argument.evaluate(batch);
        int n = batch.size();
        Nulls.propagate(out, n, a);
        if (out.type() == DataType.INT) {
            long[] x = a.longs;
            long[] r = out.longs;
            for (int i = 0; i < n; i++) {
                r[i] = switch (function) {
                    case NEGATE -> -x[i];
                    case ABS -> Math.abs(x[i]);
                    default -> x[i];
                };
            }
            return out;
        }
        double[] x = a.doubles;
        double[] r = out.doubles;
        for (int i = 0; i < n; i++) {
            r[i] = apply(function, x[i]);
        }
        return out;
    }

    static double apply(ScalarFunction function, double x) {
        return switch (function) {
            case NEGATE -> -x;
            case ABS -> Math.abs(x);
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
            case ROUND -> roundHalfAwayFromZero(x);
            case SQRT -> Math.sqrt(x);
            case LOG -> Math.log(x);
            case EXP -> Math.exp(x);
            default -> throw new IllegalStateException(function + " is not a one-argument numeric function");
        };
    }

    /** SQL rounding; exact for every double (no {@code floor(x + 0.5)}, which rounds 0.49999999999999994 up). */
    static double roundHalfAwayFromZero(double x) {
        double magnitude = Math.abs(x);
        if (!(magnitude < 0x1p52)) {
            return x;
        }
        double whole = Math.floor(magnitude);
        if (magnitude - whole >= 0.5) {
            whole += 1;
        }
        return Math.copySign(whole, x);
    }
}
