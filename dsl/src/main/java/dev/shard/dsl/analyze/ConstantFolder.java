package dev.shard.dsl.analyze;

import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.ast.LiteralValue;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates the integer expressions that size things (generate rows, matrix and buffer
 * dimensions, take, shard rows) from literals and params, so sizes can be checked
 * before any worker starts. Anything else (columns, functions, overflow) is "unknown".
 */
final class ConstantFolder {
    private final Map<String, Binding> bindings;

    ConstantFolder(Map<String, Binding> bindings) {
        this.bindings = bindings;
    }

    Optional<Long> integer(Expression expression) {
        return fold(expression, 0);
    }

    private Optional<Long> fold(Expression expression, int depth) {
        return switch (expression) {
            case Expression.Literal literal -> switch (literal.value()) {
                case LiteralValue.IntegerValue integer -> Optional.of(integer.value());
                case LiteralValue.ByteSize bytes -> Optional.of(bytes.bytes());
                case LiteralValue.DoubleValue _, LiteralValue.StringValue _, LiteralValue.BooleanValue _,
                        LiteralValue.NullValue _ -> Optional.empty();
            };
            case Expression.NameReference reference when reference.qualifier().isEmpty() ->
                    Optional.ofNullable(bindings.get(reference.name().text()))
                            .flatMap(Binding::constant)
                            .filter(value -> value instanceof Long)
                            .map(Number::longValue);
            // A qualified name is a joined table's column: never a constant.
            case Expression.NameReference _ -> Optional.empty();
            case Expression.Unary unary when unary.operator() == Expression.UnaryOperator.NEGATE ->
                    fold(unary.operand(), depth + 1).map(value -> -value);
            case Expression.Unary _ -> Optional.empty();
            case Expression.Binary binary -> fold(binary.left(), depth + 1)
                    .flatMap(left -> fold(binary.right(), depth + 1).flatMap(right -> apply(binary.operator(), left, right)));
            case Expression.Call _, Expression.Index _ -> Optional.empty();
        };
    }

    private static Optional<Long> apply(Expression.BinaryOperator operator, long left, long right) {
        try {
            return switch (operator) {
                case ADD -> Optional.of(Math.addExact(left, right));
                case SUBTRACT -> Optional.of(Math.subtractExact(left, right));
                case MULTIPLY -> Optional.of(Math.multiplyExact(left, right));
                case DIVIDE -> right == 0 ? Optional.empty() : Optional.of(left / right);
                case REMAINDER -> right == 0 ? Optional.empty() : Optional.of(left % right);
                case EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL, AND, OR -> Optional.empty();
            };
        } catch (ArithmeticException overflow) {
            return Optional.empty();
        }
    }
}
