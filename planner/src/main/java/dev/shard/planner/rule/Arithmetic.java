package dev.shard.planner.rule;

import dev.shard.planner.expr.ScalarFunction;

/** Binary arithmetic and comparison over literal values: two integers stay integers, else doubles. */
final class Arithmetic {
    private Arithmetic() {
    }

    /** {@code a op b}; an integer remainder by zero is null. */
    static Object binary(ScalarFunction function, Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return switch (function) {
                case ADD -> x + y;
                case SUBTRACT -> x - y;
                case MULTIPLY -> x * y;
                case MODULO -> y == 0 ? null : x % y;
                default -> throw new IllegalArgumentException("not arithmetic: " + function);
            };
        }
        double x = number(a);
        double y = number(b);
        return switch (function) {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MULTIPLY -> x * y;
            case MODULO -> x % y;
            default -> throw new IllegalArgumentException("not arithmetic: " + function);
        };
    }

    /**
     * A comparison of two non-null values of comparable types: numbers numerically (an
     * integer and a double as doubles), strings by UTF-16 code units, booleans false before
     * true. A NaN is unordered, as with Java's double operators: only != holds.
     */
    static boolean compare(ScalarFunction function, Object a, Object b) {
        int order;
        if (a instanceof Long x && b instanceof Long y) {
            order = Long.compare(x, y);
        } else if (a instanceof String x && b instanceof String y) {
            order = x.compareTo(y);
        } else if (a instanceof Boolean x && b instanceof Boolean y) {
            order = Boolean.compare(x, y);
        } else {
            double x = number(a);
            double y = number(b);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return function == ScalarFunction.NOT_EQUAL;
            }
            order = Double.compare(x == 0.0 ? 0.0 : x, y == 0.0 ? 0.0 : y);
        }
        return switch (function) {
            case EQUAL -> order == 0;
            case NOT_EQUAL -> order != 0;
            case LESS -> order < 0;
            case LESS_EQUAL -> order <= 0;
            case GREATER -> order > 0;
            case GREATER_EQUAL -> order >= 0;
            default -> throw new IllegalArgumentException("not a comparison: " + function);
        };
    }

    private static double number(Object value) {
        return value instanceof Long x ? x.doubleValue() : (Double) value;
    }
}
