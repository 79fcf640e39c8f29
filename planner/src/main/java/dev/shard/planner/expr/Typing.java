package dev.shard.planner.expr;

import dev.shard.planner.PlanException;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Schema;
import java.util.List;

/** The type rules of scalar functions: what each accepts and returns. */
final class Typing {
    private Typing() {
    }

    static DataType type(Call call, Schema input) {
        ScalarFunction function = call.function();
        List<Expr> arguments = call.arguments();
        checkArity(call);
        List<DataType> types = arguments.stream().map(argument -> argument.type(input)).toList();
        return switch (function) {
            case ADD, SUBTRACT, MULTIPLY, MODULO -> numeric(call, types.get(0), types.get(1));
            case DIVIDE, POW -> {
                numeric(call, types.get(0), types.get(1));
                yield DataType.DOUBLE;
            }
            case NEGATE, ABS, FLOOR, CEIL, ROUND -> requireNumeric(call, 0, types.get(0));
            case SQRT, LOG, EXP -> {
                requireNumeric(call, 0, types.get(0));
                yield DataType.DOUBLE;
            }
            case EQUAL, NOT_EQUAL -> {
                comparable(call, types.get(0), types.get(1));
                yield DataType.BOOL;
            }
            case LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> {
                if (comparable(call, types.get(0), types.get(1)) == DataType.BOOL) {
                    throw mismatch(call, "numbers or strings", types);
                }
                yield DataType.BOOL;
            }
            case AND, OR -> {
                require(call, 0, types.get(0), DataType.BOOL);
                require(call, 1, types.get(1), DataType.BOOL);
                yield DataType.BOOL;
            }
            case NOT -> require(call, 0, types.get(0), DataType.BOOL);
            case IF -> {
                require(call, 0, types.get(0), DataType.BOOL);
                yield common(call, types.subList(1, 3));
            }
            case CASE -> caseType(call, types);
            case COALESCE -> common(call, types);
            case IS_NULL, CONTAINS, STARTS_WITH -> {
                for (int i = 0; function != ScalarFunction.IS_NULL && i < types.size(); i++) {
                    require(call, i, types.get(i), DataType.STRING);
                }
                yield DataType.BOOL;
            }
            case CAST_INT -> DataType.INT;
            case CAST_DOUBLE -> DataType.DOUBLE;
            case CAST_STRING -> DataType.STRING;
            case LENGTH -> {
                require(call, 0, types.get(0), DataType.STRING);
                yield DataType.INT;
            }
            case LOWER, UPPER -> require(call, 0, types.get(0), DataType.STRING);
            case ROW, COL -> DataType.INT;
            case RANDOM, NORMAL -> {
                require(call, 0, types.get(0), DataType.INT);
                yield DataType.DOUBLE;
            }
            case RANDOM_INT -> {
                require(call, 0, types.get(0), DataType.INT);
                require(call, 1, types.get(1), DataType.INT);
                yield DataType.INT;
            }
            case UNIFORM -> {
                requireNumeric(call, 0, types.get(0));
                requireNumeric(call, 1, types.get(1));
                require(call, 2, types.get(2), DataType.INT);
                yield DataType.DOUBLE;
            }
        };
    }

    static boolean nullable(Call call, Schema input) {
        return switch (call.function()) {
            case IS_NULL, ROW, COL, RANDOM, RANDOM_INT, UNIFORM, NORMAL -> false;
            case MODULO, CAST_INT, CAST_DOUBLE, CASE -> true;
            case COALESCE -> call.arguments().stream().allMatch(argument -> argument.nullable(input));
            case IF -> call.arguments().get(1).nullable(input) || call.arguments().get(2).nullable(input);
            default -> call.arguments().stream().anyMatch(argument -> argument.nullable(input));
        };
    }

    private static void checkArity(Call call) {
        ScalarFunction function = call.function();
        int given = call.arguments().size();
        if (function == ScalarFunction.CASE) {
            if (given < 3 || given % 2 == 0) {
                throw new PlanException("case(...) takes pairs of condition and value, then a default value; got "
                        + given + " argument(s)", "write case(c1, v1, c2, v2, default)");
            }
            return;
        }
        if (function == ScalarFunction.COALESCE) {
            if (given < 1) {
                throw new PlanException("coalesce(...) needs at least one argument", "write coalesce(x, 0)");
            }
            return;
        }
        int expected = function.parameters().size();
        if (given != expected) {
            String name = function.isOperator() ? "operator " + function.symbol() : function.symbol() + "(...)";
            throw new PlanException(name + " takes " + expected + " argument(s), got " + given,
                    function.parameters().isEmpty() ? "write " + function.symbol() + "()"
                            : "its parameters are " + String.join(", ", function.parameters()));
        }
    }

    private static DataType numeric(Call call, DataType left, DataType right) {
        if (!left.isNumeric() || !right.isNumeric()) {
            throw mismatch(call, "numbers", List.of(left, right));
        }
        return DataType.widen(left, right);
    }

    private static DataType comparable(Call call, DataType left, DataType right) {
        DataType common = DataType.widen(left, right);
        if (common == null) {
            throw mismatch(call, "two values of the same type", List.of(left, right));
        }
        return common;
    }

    private static DataType common(Call call, List<DataType> types) {
        DataType common = types.get(0);
        for (DataType type : types) {
            common = DataType.widen(common, type);
            if (common == null) {
                throw mismatch(call, "values of one type", types);
            }
        }
        return common;
    }

    private static DataType caseType(Call call, List<DataType> types) {
        for (int i = 0; i + 1 < types.size(); i += 2) {
            require(call, i, types.get(i), DataType.BOOL);
        }
        List<DataType> values = new java.util.ArrayList<>();
        for (int i = 1; i < types.size(); i += 2) {
            values.add(types.get(i));
        }
        values.add(types.get(types.size() - 1));
        return common(call, values);
    }

    private static DataType requireNumeric(Call call, int position, DataType type) {
        if (!type.isNumeric()) {
            throw new PlanException(describe(call) + ": " + argumentName(call, position) + " must be a number, got "
                    + type.displayName(), "convert it with double(...) or int(...)");
        }
        return type;
    }

    private static DataType require(Call call, int position, DataType actual, DataType expected) {
        if (actual != expected) {
            throw new PlanException(describe(call) + ": " + argumentName(call, position) + " must be "
                    + expected.displayName() + ", got " + actual.displayName(),
                    "convert it with " + expected.displayName() + "(...)");
        }
        return actual;
    }

    private static PlanException mismatch(Call call, String expected, List<DataType> types) {
        return new PlanException(describe(call) + " needs " + expected + ", got "
                + String.join(" and ", types.stream().map(DataType::displayName).toList()),
                "convert with int(...), double(...) or string(...)");
    }

    private static String argumentName(Call call, int position) {
        List<String> parameters = call.function().parameters();
        return position < parameters.size() ? "'" + parameters.get(position) + "'" : "argument " + (position + 1);
    }

    private static String describe(Call call) {
        return "`" + call.render() + "`";
    }
}
