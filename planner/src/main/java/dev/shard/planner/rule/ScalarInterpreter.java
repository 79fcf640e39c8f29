package dev.shard.planner.rule;

import dev.shard.planner.expr.Call;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates a call over literal arguments at plan time, with SQL's null semantics: an
 * operation on a null is null, except {@code and}/{@code or} (false and null = false, true
 * or null = true), {@code is_null}, {@code coalesce}, and {@code if}/{@code case}, where a
 * null condition counts as not true. Integer arithmetic wraps like Java's {@code long}; an
 * integer remainder by zero is null; double arithmetic is IEEE 754. Rounding is half away
 * from zero; {@code length} counts Unicode code points.
 *
 * <p>Casts that parse or truncate ({@code int("12")}, {@code int(2.7)}, {@code double("x")})
 * and generator functions are left for run time: the result is empty, the call stays.
 */
final class ScalarInterpreter {
    private static final Schema NO_COLUMNS = new Schema(List.of());
    /** The value of a call left for run time. */
    private static final Object NOT_FOLDED = new Object();

    private ScalarInterpreter() {
    }

    /** The value of {@code call} over {@code arguments}, or empty when it is not folded at plan time. */
    static Optional<Literal> evaluate(Call call, List<Literal> arguments) {
        if (call.function().isGenerator()) {
            return Optional.empty();
        }
        DataType type = call.type(NO_COLUMNS);
        Object value = value(call.function(), arguments);
        if (value == NOT_FOLDED) {
            return Optional.empty();
        }
        if (value instanceof Long number && type == DataType.DOUBLE) {
            value = number.doubleValue();
        }
        return Optional.of(new Literal((Serializable) value, type));
    }

    private static Object value(ScalarFunction function, List<Literal> arguments) {
        List<Object> values = arguments.stream().map(a -> (Object) a.value()).toList();
        switch (function) {
            case AND -> {
                return and(values.get(0), values.get(1));
            }
            case OR -> {
                return or(values.get(0), values.get(1));
            }
            case IS_NULL -> {
                return values.get(0) == null;
            }
            case COALESCE -> {
                return values.stream().filter(v -> v != null).findFirst().orElse(null);
            }
            case IF -> {
                return Boolean.TRUE.equals(values.get(0)) ? values.get(1) : values.get(2);
            }
            case CASE -> {
                for (int i = 0; i + 1 < values.size(); i += 2) {
                    if (Boolean.TRUE.equals(values.get(i))) {
                        return values.get(i + 1);
                    }
                }
                return values.get(values.size() - 1);
            }
            default -> {
            }
        }
        if (values.stream().anyMatch(v -> v == null)) {
            return null;
        }
        Object a = values.get(0);
        Object b = values.size() > 1 ? values.get(1) : null;
        return switch (function) {
            case ADD, SUBTRACT, MULTIPLY, MODULO -> Arithmetic.binary(function, a, b);
            case DIVIDE -> number(a) / number(b);
            case POW -> Math.pow(number(a), number(b));
            case NEGATE -> a instanceof Long x ? -x : -(Double) a;
            case ABS -> a instanceof Long x ? Math.abs(x) : Math.abs((Double) a);
            case FLOOR -> a instanceof Long ? a : Math.floor((Double) a);
            case CEIL -> a instanceof Long ? a : Math.ceil((Double) a);
            case ROUND -> a instanceof Long ? a : Math.copySign(Math.floor(Math.abs((Double) a) + 0.5), (Double) a);
            case SQRT -> Math.sqrt(number(a));
            case LOG -> Math.log(number(a));
            case EXP -> Math.exp(number(a));
            case EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> Arithmetic.compare(function, a, b);
            case NOT -> !(Boolean) a;
            case CAST_DOUBLE -> a instanceof Long || a instanceof Double ? number(a) : NOT_FOLDED;
            case CAST_INT -> a instanceof Long ? a : NOT_FOLDED;
            case CAST_STRING -> a instanceof Long || a instanceof Boolean || a instanceof String ? a.toString()
                    : NOT_FOLDED;
            case LENGTH -> (long) ((String) a).codePointCount(0, ((String) a).length());
            case LOWER -> ((String) a).toLowerCase(Locale.ROOT);
            case UPPER -> ((String) a).toUpperCase(Locale.ROOT);
            case CONTAINS -> ((String) a).contains((String) b);
            case STARTS_WITH -> ((String) a).startsWith((String) b);
            case AND, OR, IS_NULL, COALESCE, IF, CASE, ROW, COL, RANDOM, RANDOM_INT, UNIFORM, NORMAL -> NOT_FOLDED;
        };
    }

    private static Object and(Object a, Object b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    private static Object or(Object a, Object b) {
        if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return true;
        }
        return a == null || b == null ? null : false;
    }

    private static double number(Object value) {
        return value instanceof Long x ? x.doubleValue() : (Double) value;
    }
}
