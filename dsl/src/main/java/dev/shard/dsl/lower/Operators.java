package dev.shard.dsl.lower;

import dev.shard.dsl.ast.Expression;
import dev.shard.planner.expr.ScalarFunction;

/** A script's binary operators as the engine's functions: one mapping for lowering and for compiled cell bodies. */
public final class Operators {
    private Operators() {
    }

    public static ScalarFunction function(Expression.BinaryOperator operator) {
        return switch (operator) {
            case MULTIPLY -> ScalarFunction.MULTIPLY;
            case DIVIDE -> ScalarFunction.DIVIDE;
            case REMAINDER -> ScalarFunction.MODULO;
            case ADD -> ScalarFunction.ADD;
            case SUBTRACT -> ScalarFunction.SUBTRACT;
            case EQUAL -> ScalarFunction.EQUAL;
            case NOT_EQUAL -> ScalarFunction.NOT_EQUAL;
            case LESS -> ScalarFunction.LESS;
            case LESS_OR_EQUAL -> ScalarFunction.LESS_EQUAL;
            case GREATER -> ScalarFunction.GREATER;
            case GREATER_OR_EQUAL -> ScalarFunction.GREATER_EQUAL;
            case AND -> ScalarFunction.AND;
            case OR -> ScalarFunction.OR;
        };
    }
}
