package dev.shard.dsl.run;

import dev.shard.dsl.ast.Argument;
import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.lower.Operators;
import dev.shard.dsl.lower.Literals;
import dev.shard.planner.expr.Call;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.ScalarFunction;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cell body as a planner expression, for the vectorized evaluator: params and let values
 * become literals, {@code y[row()]} of a let-bound vector becomes the column {@code y} (the
 * vector's rows line up with the matrix's), {@code col()} stays a call and is bound per
 * column by {@link VectorizedCell}. Anything else (another index, an unknown call) is
 * empty, and the body runs on the per-cell {@link CellProgram} instead.
 */
final class CellExpressions {
    private final Map<String, Literal> constants;
    private final Set<String> vectors;

    CellExpressions(Map<String, Literal> constants, Set<String> vectors) {
        this.constants = constants;
        this.vectors = vectors;
    }

    Optional<Expr> lower(Expression expression) {
        try {
            return Optional.of(expr(expression));
        } catch (NotVectorizable notVectorizable) {
            return Optional.empty();
        }
    }

    private Expr expr(Expression expression) {
        return switch (expression) {
            case Expression.Literal literal -> Literals.of(literal.value());
            case Expression.NameReference reference when reference.qualifier().isEmpty()
                    && constants.containsKey(reference.name().text()) -> constants.get(reference.name().text());
            case Expression.NameReference reference -> throw new NotVectorizable();
            case Expression.Unary unary -> Call.of(unary.operator() == Expression.UnaryOperator.NEGATE
                    ? ScalarFunction.NEGATE : ScalarFunction.NOT, expr(unary.operand()));
            case Expression.Binary binary -> Call.of(Operators.function(binary.operator()), expr(binary.left()),
                    expr(binary.right()));
            case Expression.Index index when index.target() instanceof Expression.NameReference name
                    && vectors.contains(name.name().text()) && index.index() instanceof Expression.Call call
                    && call.function().text().equals("row") && call.arguments().isEmpty() ->
                    new Column(name.name().text());
            case Expression.Index index -> throw new NotVectorizable();
            case Expression.Call call -> call(call);
        };
    }

    private Expr call(Expression.Call call) {
        ScalarFunction function = ScalarFunction.named(call.function().text()).orElseThrow(NotVectorizable::new);
        List<String> parameters = function.parameters();
        if (parameters.isEmpty()) {
            return new Call(function, call.arguments().stream().map(argument -> expr(argument.value())).toList());
        }
        Expr[] arguments = new Expr[parameters.size()];
        int position = 0;
        for (Argument argument : call.arguments()) {
            int slot = argument.name().map(name -> parameters.indexOf(name.text())).orElse(position++);
            if (slot < 0 || slot >= arguments.length) {
                throw new NotVectorizable();
            }
            arguments[slot] = expr(argument.value());
        }
        if (Arrays.stream(arguments).anyMatch(argument -> argument == null)) {
            throw new NotVectorizable();
        }
        return new Call(function, List.of(arguments));
    }


    /** The body uses something only the per-cell program evaluates. */
    private static final class NotVectorizable extends RuntimeException {
        NotVectorizable() {
            super(null, null, false, false);
        }
    }
}
