package dev.shard.planner.exec.expr;

import dev.shard.planner.PlanException;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.Call;
import dev.shard.planner.expr.Generator;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.type.DataType;

/**
 * row(), random, random_int, uniform and normal: values computed from the row's index
 * in its source ({@code batch.firstRow() + position}) with the WORKLOADS.md generator,
 * so they do not depend on the shard layout. Arguments are constants.
 */
final class GeneratorEvaluator implements VectorEvaluator {
    private static final long ROW_LIMIT = 1L << 32;
    private static final double UNIT = 0x1.0p-53;
    private static final long SMALL_MODULUS = 1L << 11;
    /**
     * 0, 1, 2, ...: {@code splitMix(start + OFFSETS[i])} is a loop C2 vectorises (AVX-512
     * multiplies 8 longs at once); {@code splitMix(start + i)} widens the int index per row
     * and stays scalar. Measured 0.38 against 0.90 ns per value (see
     * bench/results/2026-12-02-engine-kernels.md). Read only.
     */
    private static final long[] OFFSETS = new long[ColumnBatch.CAPACITY];

    static {
        for (int i = 0; i < OFFSETS.length; i++) {
            OFFSETS[i] = i;
        }
    }

    private final ScalarFunction function;
    private final long stream;
    private final long modulus;
    private final double low;
    private final double high;
    private final BatchColumn out;

    private GeneratorEvaluator(ScalarFunction function, long stream, long modulus, double low, double high) {
        this.function = function;
        this.stream = stream;
        this.modulus = modulus;
        this.low = low;
        this.high = high;
        DataType type = function == ScalarFunction.ROW || function == ScalarFunction.RANDOM_INT ? DataType.INT
                : DataType.DOUBLE;
        this.out = new BatchColumn(type, ColumnBatch.CAPACITY);
    }

    static GeneratorEvaluator of(Call call) {
        String name = call.function().symbol();
        var arguments = call.arguments();
        return switch (call.function()) {
            case ROW -> new GeneratorEvaluator(ScalarFunction.ROW, 0, 0, 0, 0);
            case RANDOM, NORMAL -> new GeneratorEvaluator(call.function(), stream(call, 0), 0, 0, 0);
            case RANDOM_INT -> {
                long modulus = (Long) ExpressionCompiler.constant(arguments.get(0), name, "m");
                if (modulus <= 0 || modulus >= ROW_LIMIT) {
                    throw new PlanException("random_int(...): m must be in [1, 2^32), got " + modulus,
                            "write random_int(1000, stream = 1)");
                }
                yield new GeneratorEvaluator(ScalarFunction.RANDOM_INT, stream(call, 1), modulus, 0, 0);
            }
            case UNIFORM -> new GeneratorEvaluator(ScalarFunction.UNIFORM, stream(call, 2), 0,
                    number(call, 0, "lo"), number(call, 1, "hi"));
            case COL -> throw new PlanException("col() is the column index of a matrix generator; tables have"
                    + " no such index", "use row() for the row index");
            default -> throw new IllegalStateException(call.function() + " is not a generator function");
        };
    }

    private static long stream(Call call, int position) {
        long stream = (Long) ExpressionCompiler.constant(call.arguments().get(position), call.function().symbol(),
                "stream");
        if (stream < 0 || stream >= ROW_LIMIT) {
            throw new PlanException(call.function().symbol() + "(...): stream must be in [0, 2^32), got " + stream,
                    "write a small non-negative stream number");
        }
        return stream;
    }

    private static double number(Call call, int position, String parameter) {
        return ((Number) ExpressionCompiler.constant(call.arguments().get(position), call.function().symbol(),
                parameter)).doubleValue();
    }

    @Override
    public DataType type() {
        return out.type();
    }

    @Override
    public BatchColumn evaluate(ColumnBatch batch) {
        long first = batch.firstRow();
        int n = batch.size();
        if (first + n > ROW_LIMIT) {
            throw new IllegalArgumentException("generator functions are defined for rows below 2^32; row "
                    + (first + n - 1) + " is beyond");
        }
        long base = stream << 32;
        switch (function) {
            case ROW -> {
                for (int i = 0; i < n; i++) {
                    out.longs[i] = first + i;
                }
            }
            case RANDOM -> randoms(base + first, n);
            case UNIFORM -> uniforms(base + first, n);
            case RANDOM_INT -> randomInts(base + first, n);
            case NORMAL -> {
                for (int i = 0; i < n; i++) {
                    out.doubles[i] = Generator.normal(stream, first + i);
                }
            }
            default -> throw new IllegalStateException(function + " is not a generator function");
        }
        return out;
    }

    private void randoms(long start, int n) {
        long[] offsets = OFFSETS;
        double[] r = out.doubles;
        for (int i = 0; i < n; i++) {
            r[i] = (Generator.splitMix(start + offsets[i]) >>> 11) * UNIT;
        }
    }

    private void uniforms(long start, int n) {
        long[] offsets = OFFSETS;
        double[] r = out.doubles;
        double width = high - low;
        for (int i = 0; i < n; i++) {
            r[i] = low + width * ((Generator.splitMix(start + offsets[i]) >>> 11) * UNIT);
        }
    }

    private void randomInts(long start, int n) {
        long m = modulus;
        long[] r = out.longs;
        if (m < SMALL_MODULUS) {
            // The row numbers first, then hashed in place: reading and writing one long[] at
            // the same index vectorises, reading OFFSETS into another long[] does not (C2
            // cannot rule out that the two arrays are one). 0.64 against 0.88 ns per value.
            for (int i = 0; i < n; i++) {
                r[i] = start + i;
            }
            for (int i = 0; i < n; i++) {
                r[i] = ((Generator.splitMix(r[i]) >>> 11) * m) >>> 53;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            long bits = Generator.splitMix(start + i) >>> 11;
            r[i] = Math.multiplyHigh(bits, m) << 11 | (bits * m) >>> 53;
        }
    }
}
