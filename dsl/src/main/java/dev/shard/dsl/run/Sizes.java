package dev.shard.dsl.run;

import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.lower.Literals;
import dev.shard.planner.expr.Literal;
import java.util.Map;

/**
 * The sizes of script vectors, matrices, buffers and generated lists, worked out on the
 * driver: whole numbers, params holding one, and arithmetic of them, such as
 * {@code 1_000 * (index() + 1)} once {@code index()} is a number.
 */
final class Sizes {
    private final Map<String, Literal> constants;

    Sizes(Map<String, Literal> constants) {
        this.constants = constants;
    }

    long of(Expression expression) {
        Long value = integer(expression);
        if (value == null) {
            throw new IllegalArgumentException("a size at " + expression.span().location()
                    + " must be a whole number, a param holding one, or arithmetic of them");
        }
        return value;
    }

    /** Whole-number arithmetic of literals and params (sizes such as {@code 1_000 * (index() + 1)}); else null. */
    private Long integer(Expression expression) {
        return switch (expression) {
            case Expression.Literal value -> Literals.of(value.value()).value() instanceof Long number ? number : null;
            case Expression.NameReference name -> constants.get(name.name().text()) instanceof Literal literal
                    && literal.value() instanceof Long number ? number : null;
            case Expression.Unary unary when unary.operator() == Expression.UnaryOperator.NEGATE ->
                    integer(unary.operand()) instanceof Long number ? -number : null;
            case Expression.Binary binary -> {
                Long left = integer(binary.left());
                Long right = integer(binary.right());
                if (left == null || right == null) {
                    yield null;
                }
                yield switch (binary.operator()) {
                    case ADD -> Math.addExact(left, right);
                    case SUBTRACT -> Math.subtractExact(left, right);
                    case MULTIPLY -> Math.multiplyExact(left, right);
                    case DIVIDE -> right == 0 ? null : left / right;
                    case REMAINDER -> right == 0 ? null : left % right;
                    case EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL, AND, OR -> null;
                };
            }
            case Expression.Unary _, Expression.Call _, Expression.Index _ -> null;
        };
    }
}
