package dev.shard.planner.exec.expr;

import dev.shard.planner.expr.Call;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.Generator;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The reference: one row at a time, boxed values, SQL null semantics written out plainly. */
final class ScalarInterpreter {
    private ScalarInterpreter() {
    }

    static Object evaluate(Expr expr, Schema schema, Object[] row, long rowIndex) {
        return switch (expr) {
            case Column column -> row[schema.indexOf(column.name())];
            case Literal literal -> literal.value();
            case Call call -> call(call, schema, row, rowIndex);
        };
    }

    private static Object call(Call call, Schema schema, Object[] row, long i) {
        List<Object> a = new ArrayList<>();
        for (Expr argument : call.arguments()) {
            a.add(evaluate(argument, schema, row, i));
        }
        DataType type = call.type(schema);
        switch (call.function()) {
            case AND -> {
                if (Boolean.FALSE.equals(a.get(0)) || Boolean.FALSE.equals(a.get(1))) {
                    return false;
                }
                return a.get(0) == null || a.get(1) == null ? null : true;
            }
            case OR -> {
                if (Boolean.TRUE.equals(a.get(0)) || Boolean.TRUE.equals(a.get(1))) {
                    return true;
                }
                return a.get(0) == null || a.get(1) == null ? null : false;
            }
            case IS_NULL -> {
                return a.get(0) == null;
            }
            case IF -> {
                return widen(Boolean.TRUE.equals(a.get(0)) ? a.get(1) : a.get(2), type);
            }
            case CASE -> {
                for (int k = 0; k + 1 < a.size(); k += 2) {
                    if (Boolean.TRUE.equals(a.get(k))) {
                        return widen(a.get(k + 1), type);
                    }
                }
                return widen(a.getLast(), type);
            }
            case COALESCE -> {
                return widen(a.stream().filter(v -> v != null).findFirst().orElse(null), type);
            }
            case ROW -> {
                return i;
            }
            case RANDOM -> {
                return Generator.uniform((Long) a.get(0), i);
            }
            case RANDOM_INT -> {
                return Generator.randomInt((Long) a.get(0), (Long) a.get(1), i);
            }
            case UNIFORM -> {
                return Generator.uniform(((Number) a.get(0)).doubleValue(), ((Number) a.get(1)).doubleValue(),
                        (Long) a.get(2), i);
            }
            case NORMAL -> {
                return Generator.normal((Long) a.get(0), i);
            }
            default -> {
            }
        }
        if (a.contains(null)) {
            return null;
        }
        return strict(call, type, a, schema);
    }

    private static Object strict(Call call, DataType type, List<Object> a, Schema schema) {
        Object x = a.get(0);
        Object y = a.size() > 1 ? a.get(1) : null;
        return switch (call.function()) {
            case ADD, SUBTRACT, MULTIPLY, MODULO, DIVIDE, POW -> arithmetic(call, type, x, y);
            case NEGATE -> x instanceof Long l ? (Object) (-l) : (Object) (-(Double) x);
            case ABS -> x instanceof Long l ? (Object) Math.abs(l) : (Object) Math.abs((Double) x);
            case FLOOR -> x instanceof Long ? x : (Object) Math.floor((Double) x);
            case CEIL -> x instanceof Long ? x : (Object) Math.ceil((Double) x);
            case ROUND -> x instanceof Long ? x : round((Double) x);
            case SQRT -> Math.sqrt(number(x));
            case LOG -> Math.log(number(x));
            case EXP -> Math.exp(number(x));
            case EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> compare(call, x, y);
            case NOT -> !(Boolean) x;
            case CAST_INT, CAST_DOUBLE, CAST_STRING -> CastEvaluator.cast(x, type);
            case LENGTH -> (long) ((String) x).codePointCount(0, ((String) x).length());
            case LOWER -> ((String) x).toLowerCase(Locale.ROOT);
            case UPPER -> ((String) x).toUpperCase(Locale.ROOT);
            case CONTAINS -> ((String) x).contains((String) y);
            case STARTS_WITH -> ((String) x).startsWith((String) y);
            default -> throw new IllegalStateException(call.function().toString());
        };
    }

    private static Object arithmetic(Call call, DataType type, Object x, Object y) {
        if (type == DataType.INT) {
            long l = (Long) x;
            long r = (Long) y;
            return switch (call.function()) {
                case ADD -> l + r;
                case SUBTRACT -> l - r;
                case MULTIPLY -> l * r;
                default -> r == 0 ? null : (Object) (l % r);
            };
        }
        double l = number(x);
        double r = number(y);
        return switch (call.function()) {
            case ADD -> l + r;
            case SUBTRACT -> l - r;
            case MULTIPLY -> l * r;
            case DIVIDE -> l / r;
            case MODULO -> l % r;
            default -> Math.pow(l, r);
        };
    }

    private static Object compare(Call call, Object x, Object y) {
        if (x instanceof Double || y instanceof Double) {
            double l = number(x);
            double r = number(y);
            return switch (call.function()) {
                case EQUAL -> l == r;
                case NOT_EQUAL -> l != r;
                case LESS -> l < r;
                case LESS_EQUAL -> l <= r;
                case GREATER -> l > r;
                default -> l >= r;
            };
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        int c = ((Comparable) x).compareTo(y);
        return switch (call.function()) {
            case EQUAL -> c == 0;
            case NOT_EQUAL -> c != 0;
            case LESS -> c < 0;
            case LESS_EQUAL -> c <= 0;
            case GREATER -> c > 0;
            default -> c >= 0;
        };
    }

    private static double round(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        double rounded = new java.math.BigDecimal(x).setScale(0, java.math.RoundingMode.HALF_UP).doubleValue();
        return Math.copySign(rounded, x);
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static Object widen(Object value, DataType type) {
        return type == DataType.DOUBLE && value instanceof Long l ? (Object) l.doubleValue() : value;
    }
}
