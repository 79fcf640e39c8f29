package dev.shard.dsl.run;

import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.lower.Literals;
import dev.shard.planner.expr.Literal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An apply body's expression → {@link VectorBody}: vector functions of the slice, numbers, params, arithmetic. */
final class BodyCompiler {
    private static final List<String> OF_SLICE = List.of("sum", "mean", "var", "sd", "min", "max", "norm");
    private static final List<String> WITH_SIDE = List.of("dot", "cor");

    private final String slice;
    private final Set<String> sides;
    private final Map<String, Literal> constants;

    BodyCompiler(String slice, Set<String> sides, Map<String, Literal> constants) {
        this.slice = slice;
        this.sides = sides;
        this.constants = constants;
    }

    VectorBody compile(Expression expression) {
        return switch (expression) {
            case Expression.Literal literal -> new VectorBody.Constant(number(Literals.of(literal.value()), expression));
            case Expression.NameReference name when constants.containsKey(name.name().text()) ->
                    new VectorBody.Constant(number(constants.get(name.name().text()), expression));
            case Expression.Binary binary when "+-*/%".contains(binary.operator().symbol()) ->
                    new VectorBody.Binary(binary.operator().symbol(), compile(binary.left()), compile(binary.right()));
            case Expression.Call call -> call(call);
            case Expression.NameReference _, Expression.Binary _, Expression.Unary _, Expression.Index _ ->
                    throw unsupported(expression);
        };
    }

    private VectorBody call(Expression.Call call) {
        String function = call.function().text();
        List<Expression> arguments = call.arguments().stream().map(argument -> argument.value()).toList();
        boolean onSlice = !arguments.isEmpty() && arguments.getFirst() instanceof Expression.NameReference first
                && first.name().text().equals(slice);
        if (onSlice && OF_SLICE.contains(function) && arguments.size() == 1) {
            return new VectorBody.Statistic(function, null);
        }
        if (onSlice && WITH_SIDE.contains(function) && arguments.size() == 2
                && arguments.get(1) instanceof Expression.NameReference other && sides.contains(other.name().text())) {
            return new VectorBody.Statistic(function, other.name().text());
        }
        throw unsupported(call);
    }

    private static double number(Literal literal, Expression where) {
        if (literal.value() instanceof Number number) {
            return number.doubleValue();
        }
        throw unsupported(where);
    }

    private static IllegalArgumentException unsupported(Expression expression) {
        return new IllegalArgumentException("the apply body at " + expression.span().location() + " may use "
                + String.join(", ", OF_SLICE) + " of the slice, dot(slice, y) and cor(slice, y) with a side vector,"
                + " numbers, params and + - * / %");
    }
}
