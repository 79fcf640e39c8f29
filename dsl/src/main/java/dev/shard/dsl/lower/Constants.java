package dev.shard.dsl.lower;

import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.ErrorCode;
import dev.shard.planner.expr.Literal;
import java.util.Map;

/** Whole-number sizes and counts (generate rows, take, shard rows, matrix dimensions) from literals and params. */
final class Constants {
    private final Map<String, Literal> values;
    private final ExpressionLowerer expressions;

    Constants(Map<String, Literal> values, ExpressionLowerer expressions) {
        this.values = values;
        this.expressions = expressions;
    }

    long count(Expression expression, String verb) {
        Long value = fold(expression);
        if (value == null) {
            throw expressions.fail(Diagnostic.error(ErrorCode.BAD_COUNT, expression.span(),
                    "`" + verb + "` needs a whole number known before the run",
                    "write a count such as 1_000 or 64K, or a param that holds one"));
        }
        return value;
    }

    private Long fold(Expression expression) {
        return switch (expression) {
            case Expression.Literal literal -> ExpressionLowerer.literal(literal.value()).value() instanceof Long number
                    ? number : null;
            case Expression.NameReference reference when reference.qualifier().isEmpty() -> {
                Literal literal = values.get(reference.name().text());
                yield literal != null && literal.value() instanceof Long number ? number : null;
            }
            case Expression.Unary unary when unary.operator() == Expression.UnaryOperator.NEGATE -> {
                Long operand = fold(unary.operand());
                yield operand == null ? null : -operand;
            }
            case Expression.Binary binary -> {
                Long left = fold(binary.left());
                Long right = fold(binary.right());
                yield left == null || right == null ? null : apply(binary.operator(), left, right);
            }
            case Expression.NameReference _, Expression.Unary _, Expression.Call _, Expression.Index _ -> null;
        };
    }

    private static Long apply(Expression.BinaryOperator operator, long left, long right) {
        try {
            return switch (operator) {
                case ADD -> Math.addExact(left, right);
                case SUBTRACT -> Math.subtractExact(left, right);
                case MULTIPLY -> Math.multiplyExact(left, right);
                case DIVIDE -> right == 0 ? null : left / right;
                case REMAINDER -> right == 0 ? null : left % right;
                case EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL, AND, OR -> null;
            };
        } catch (ArithmeticException overflow) {
            return null;
        }
    }
}
