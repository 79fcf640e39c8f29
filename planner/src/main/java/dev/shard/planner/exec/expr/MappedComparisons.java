package dev.shard.planner.exec.expr;

import dev.shard.planner.exec.vector.MappedValues;
import dev.shard.planner.expr.ScalarFunction;
import java.lang.foreign.MemorySegment;

/**
 * Comparisons of a mapped column ({@link MappedValues}) with a constant, read in place: one
 * loop per comparison and width, as in {@link ComparisonEvaluator}, so each compiles to a
 * tight loop over the mapping. int32 values compare as ints against a constant in the int
 * range (an int loop vectorizes where the widened one did not), as longs against any other.
 */
final class MappedComparisons {
    private MappedComparisons() {
    }

    /** {@code r[i] = value(i) <function> constant} for rows {@code [0, n)}. */
    static void compare(ScalarFunction function, MappedValues values, Number constant, boolean[] r, int n) {
        MemorySegment x = values.data();
        long at = values.offset();
        switch (values.width()) {
            case FLOAT64 -> doubles(function, x, at, constant.doubleValue(), r, n);
            case INT64 -> longs(function, x, at, constant.longValue(), r, n);
            case INT32 -> {
                long c = constant.longValue();
                if (c == (int) c) {
                    ints(function, x, at, (int) c, r, n);
                } else {
                    widened(function, x, at, c, r, n);
                }
            }
        }
    }

    /** The comparison that holds for {@code (b, a)} exactly when {@code function} holds for {@code (a, b)}. */
    static ScalarFunction mirrored(ScalarFunction function) {
        return switch (function) {
            case LESS -> ScalarFunction.GREATER;
            case LESS_EQUAL -> ScalarFunction.GREATER_EQUAL;
            case GREATER -> ScalarFunction.LESS;
            case GREATER_EQUAL -> ScalarFunction.LESS_EQUAL;
            default -> function;
        };
    }

    private static void doubles(ScalarFunction function, MemorySegment x, long at, double c, boolean[] r, int n) {
        switch (function) {
            case EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x.get(MappedValues.DOUBLE, at + i * 8L) == c;
                }
            }
            case NOT_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x.get(MappedValues.DOUBLE, at + i * 8L) != c;
                }
            }
            case LESS -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x.get(MappedValues.DOUBLE, at + i * 8L) < c;
                }
            }
            case LESS_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x.get(MappedValues.DOUBLE, at + i * 8L) <= c;
                }
            }
            case GREATER -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x.get(MappedValues.DOUBLE, at + i * 8L) > c;
                }
            }
            case GREATER_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x.get(MappedValues.DOUBLE, at + i * 8L) >= c;
                }
            }
            default -> throw new IllegalStateException(function + " is not a comparison");
        }
    }

    private static void longs(ScalarFunction function, MemorySegment x, long at, long c, boolean[] r, int n) {
        switch (function) {
            case EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x.get(MappedValues.LONG, at + i * 8L) == c;
                }
            }
            case NOT_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x.get(MappedValues.LONG, at + i * 8L) != c;
                }
            }
            case LESS -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x.get(MappedValues.LONG, at + i * 8L) < c;
                }
            }
            case LESS_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x.get(MappedValues.LONG, at + i * 8L) <= c;
                }
            }
            case GREATER -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x.get(MappedValues.LONG, at + i * 8L) > c;
                }
            }
            case GREATER_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x.get(MappedValues.LONG, at + i * 8L) >= c;
                }
            }
            default -> throw new IllegalStateException(function + " is not a comparison");
        }
    }

    private static void widened(ScalarFunction function, MemorySegment x, long at, long c, boolean[] r, int n) {
        switch (function) {
            case EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = (long) x.get(MappedValues.INT, at + i * 4L) == c;
                }
            }
            case NOT_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = (long) x.get(MappedValues.INT, at + i * 4L) != c;
                }
            }
            case LESS -> {
                for (int i = 0; i < n; i++) {
                    r[i] = (long) x.get(MappedValues.INT, at + i * 4L) < c;
                }
            }
            case LESS_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = (long) x.get(MappedValues.INT, at + i * 4L) <= c;
                }
            }
            case GREATER -> {
                for (int i = 0; i < n; i++) {
                    r[i] = (long) x.get(MappedValues.INT, at + i * 4L) > c;
                }
            }
            case GREATER_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = (long) x.get(MappedValues.INT, at + i * 4L) >= c;
                }
            }
            default -> throw new IllegalStateException(function + " is not a comparison");
        }
    }

    private static void ints(ScalarFunction function, MemorySegment x, long at, int c, boolean[] r, int n) {
        switch (function) {
            case EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x.get(MappedValues.INT, at + i * 4L) == c;
                }
            }
            case NOT_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x.get(MappedValues.INT, at + i * 4L) != c;
                }
            }
            case LESS -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x.get(MappedValues.INT, at + i * 4L) < c;
                }
            }
            case LESS_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x.get(MappedValues.INT, at + i * 4L) <= c;
                }
            }
            case GREATER -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x.get(MappedValues.INT, at + i * 4L) > c;
                }
            }
            case GREATER_EQUAL -> {
                for (int i = 0; i < n; i++) {
                    r[i] = x.get(MappedValues.INT, at + i * 4L) >= c;
                }
            }
            default -> throw new IllegalStateException(function + " is not a comparison");
        }
    }
}
