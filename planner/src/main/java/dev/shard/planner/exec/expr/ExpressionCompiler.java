package dev.shard.planner.exec.expr;

import dev.shard.planner.PlanException;
import dev.shard.planner.expr.Call;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an {@link Expr} over a schema into a {@link VectorEvaluator}. Arguments are
 * widened here (an INT operand of a DOUBLE operation gets a cast node), so every
 * evaluator loops over one primitive type.
 */
public final class ExpressionCompiler {
    private ExpressionCompiler() {
    }

    public static VectorEvaluator compile(Expr expr, Schema schema) {
        return switch (expr) {
            case Column column -> new ColumnEvaluator(schema.indexOf(column.name()), column.type(schema));
            case Literal literal -> new ConstantEvaluator(literal.type(), literal.value());
            case Call call -> compileCall(call, schema);
        };
    }

    private static VectorEvaluator compileCall(Call call, Schema schema) {
        ScalarFunction function = call.function();
        DataType result = call.type(schema);
        if (function.isGenerator()) {
            return GeneratorEvaluator.of(call);
        }
        List<VectorEvaluator> arguments = new ArrayList<>();
        for (Expr argument : call.arguments()) {
            arguments.add(compile(argument, schema));
        }
        return switch (function) {
            case ADD, SUBTRACT, MULTIPLY, MODULO -> new ArithmeticEvaluator(function, result,
                    widen(arguments.get(0), result), widen(arguments.get(1), result));
            case DIVIDE, POW -> new ArithmeticEvaluator(function, DataType.DOUBLE,
                    widen(arguments.get(0), DataType.DOUBLE), widen(arguments.get(1), DataType.DOUBLE));
            case NEGATE, ABS, FLOOR, CEIL, ROUND, SQRT, LOG, EXP -> new MathEvaluator(function,
                    widen(arguments.get(0), result));
            case EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> {
                DataType common = DataType.widen(arguments.get(0).type(), arguments.get(1).type());
                yield new ComparisonEvaluator(function, widen(arguments.get(0), common),
                        widen(arguments.get(1), common));
            }
            case AND, OR, NOT, IS_NULL -> new LogicEvaluator(function, arguments);
            case IF, CASE, COALESCE -> new ConditionalEvaluator(function, result, widenValues(function, arguments,
                    result));
            case CAST_INT, CAST_DOUBLE, CAST_STRING -> new CastEvaluator(arguments.get(0), result);
            case LENGTH, LOWER, UPPER, CONTAINS, STARTS_WITH -> new StringEvaluator(function, result, arguments);
            case ROW, COL, RANDOM, RANDOM_INT, UNIFORM, NORMAL -> throw new IllegalStateException(
                    "generator function " + function + " reached the general path");
        };
    }

    /** Casts the value arguments of if/case/coalesce to the result type; conditions stay BOOL. */
    private static List<VectorEvaluator> widenValues(ScalarFunction function, List<VectorEvaluator> arguments,
            DataType result) {
        List<VectorEvaluator> widened = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            boolean condition = switch (function) {
                case IF -> i == 0;
                case CASE -> i % 2 == 0 && i < arguments.size() - 1;
                default -> false;
            };
            widened.add(condition ? arguments.get(i) : widen(arguments.get(i), result));
        }
        return widened;
    }

    static VectorEvaluator widen(VectorEvaluator evaluator, DataType target) {
        if (evaluator.type() == target) {
            return evaluator;
        }
        if (evaluator.type() == DataType.INT && target == DataType.DOUBLE) {
            return new CastEvaluator(evaluator, DataType.DOUBLE);
        }
        throw new PlanException("cannot use a " + evaluator.type().displayName() + " value as "
                + target.displayName(), "convert it with " + target.displayName() + "(...)");
    }

    /** The constant value of a generator argument such as {@code stream = 1}. */
    static Object constant(Expr expr, String function, String parameter) {
        if (expr instanceof Literal literal && literal.value() != null) {
            return literal.value();
        }
        if (expr instanceof Call call && call.function() == ScalarFunction.NEGATE
                && call.arguments().get(0) instanceof Literal literal && literal.value() instanceof Number number) {
            return number instanceof Long value ? (Object) (-value) : (Object) (-number.doubleValue());
        }
        throw new PlanException(function + "(...): '" + parameter + "' must be a constant, got `" + expr.render()
                + "`", "write a number, for example " + function + "(stream = 1)");
    }
}
