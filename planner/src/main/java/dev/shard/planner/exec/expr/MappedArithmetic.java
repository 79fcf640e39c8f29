package dev.shard.planner.exec.expr;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.MappedValues;
import dev.shard.planner.expr.ScalarFunction;
import java.lang.foreign.MemorySegment;

/**
 * DOUBLE arithmetic where an operand is a mapped float64 column, read in place. Both operands
 * are read as segments (a heap operand through {@link MemorySegment#ofArray}), so one loop per
 * function serves every mix of mapped and heap operands; results match
 * {@link ArithmeticEvaluator}'s array loops exactly (the same IEEE operation per row).
 */
final class MappedArithmetic {
    private MappedArithmetic() {
    }

    /** {@code r[i] = a(i) <function> b(i)} for rows {@code [0, n)}; a and b are DOUBLE columns. */
    static void doubles(ScalarFunction function, BatchColumn a, BatchColumn b, double[] r, int n) {
        MemorySegment xs = segment(a);
        long xo = offset(a);
        MemorySegment ys = segment(b);
        long yo = offset(b);
        switch (function) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    r[i] = xs.get(MappedValues.DOUBLE, xo + i * 8L) + ys.get(MappedValues.DOUBLE, yo + i * 8L);
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < n; i++) {
                    r[i] = xs.get(MappedValues.DOUBLE, xo + i * 8L) - ys.get(MappedValues.DOUBLE, yo + i * 8L);
                }
            }
            case MULTIPLY -> {
                for (int i = 0; i < n; i++) {
                    r[i] = xs.get(MappedValues.DOUBLE, xo + i * 8L) * ys.get(MappedValues.DOUBLE, yo + i * 8L);
                }
            }
            case DIVIDE -> {
                for (int i = 0; i < n; i++) {
                    r[i] = xs.get(MappedValues.DOUBLE, xo + i * 8L) / ys.get(MappedValues.DOUBLE, yo + i * 8L);
                }
            }
            case MODULO -> {
                for (int i = 0; i < n; i++) {
                    r[i] = xs.get(MappedValues.DOUBLE, xo + i * 8L) % ys.get(MappedValues.DOUBLE, yo + i * 8L);
                }
            }
            case POW -> {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.pow(xs.get(MappedValues.DOUBLE, xo + i * 8L), ys.get(MappedValues.DOUBLE, yo + i * 8L));
                }
            }
            default -> throw new IllegalStateException(function + " has no DOUBLE form");
        }
    }

    private static MemorySegment segment(BatchColumn column) {
        MappedValues mapped = column.mapped();
        return mapped != null ? mapped.data() : MemorySegment.ofArray(column.doubles);
    }

    private static long offset(BatchColumn column) {
        MappedValues mapped = column.mapped();
        return mapped != null ? mapped.offset() : 0;
    }
}
