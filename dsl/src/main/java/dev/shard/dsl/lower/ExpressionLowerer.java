package dev.shard.dsl.lower;

import dev.shard.dsl.ast.Argument;
import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.ast.LiteralValue;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.ErrorCode;
import dev.shard.dsl.diag.Suggestions;
import dev.shard.planner.expr.Call;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AST expressions → planner expressions over a schema. A bare name is a column of the
 * rows in scope, else a param or let value (inlined as a literal); a column that does not
 * exist is a diagnostic with "did you mean" and the columns in scope.
 */
final class ExpressionLowerer {
    private final Map<String, Literal> constants;
    private final List<Diagnostic> diagnostics;

    ExpressionLowerer(Map<String, Literal> constants, List<Diagnostic> diagnostics) {
        this.constants = constants;
        this.diagnostics = diagnostics;
    }

    /** {@code expression} over {@code schema}; {@code qualifiers} are the tables joined so far. */
    Expr lower(Expression expression, Schema schema, Set<String> qualifiers) {
        return switch (expression) {
            case Expression.Literal literal -> literal(literal.value());
            case Expression.NameReference reference -> name(reference, schema, qualifiers);
            case Expression.Unary unary -> Call.of(unary.operator() == Expression.UnaryOperator.NOT
                    ? ScalarFunction.NOT : ScalarFunction.NEGATE, lower(unary.operand(), schema, qualifiers));
            case Expression.Binary binary -> Call.of(Operators.function(binary.operator()),
                    lower(binary.left(), schema, qualifiers), lower(binary.right(), schema, qualifiers));
            case Expression.Call call -> call(call, schema, qualifiers);
            case Expression.Index index -> throw fail(Diagnostic.error(ErrorCode.PLAN_ERROR, index.span(),
                    "indexing works in matrix and vector bodies only",
                    "use a column of the rows here, or index a let-bound vector inside `matrix(n, p) {...}`"));
        };
    }

    static Literal literal(LiteralValue value) {
        return Literals.of(value);
    }

    private Expr name(Expression.NameReference reference, Schema schema, Set<String> qualifiers) {
        String name = reference.name().text();
        if (schema != null && schema.indexOf(name) >= 0) {
            return new Column(name);
        }
        if (reference.qualifier().isEmpty() && constants.containsKey(name)) {
            return constants.get(name);
        }
        List<String> columns = schema == null ? List.of() : schema.names();
        List<String> hints = new ArrayList<>();
        Suggestions.didYouMean(name, columns).ifPresent(hints::add);
        hints.add(columns.isEmpty() ? "no columns are in scope here"
                : "the columns here are " + Suggestions.list(columns));
        String written = reference.qualifier().map(q -> q.text() + ".").orElse("") + name;
        throw fail(Diagnostic.error(ErrorCode.UNKNOWN_COLUMN, reference.span(),
                "no column `" + written + "` in the rows at this step", hints));
    }

    private Expr call(Expression.Call call, Schema schema, Set<String> qualifiers) {
        String name = call.function().text();
        ScalarFunction function = ScalarFunction.named(name).orElseThrow(() -> fail(Diagnostic.error(
                ErrorCode.UNKNOWN_FUNCTION, call.function().span(), "`" + name + "` is not a function of rows here",
                "aggregates belong in `aggregate {...}`, vector functions in `apply` bodies")));
        List<String> parameters = function.parameters();
        if (parameters.isEmpty()) {
            return new Call(function, call.arguments().stream().map(a -> lower(a.value(), schema, qualifiers)).toList());
        }
        Expr[] arguments = new Expr[parameters.size()];
        int position = 0;
        for (Argument argument : call.arguments()) {
            int slot = argument.name().map(n -> parameters.indexOf(n.text())).orElse(position++);
            if (slot < 0 || slot >= arguments.length) {
                throw fail(Diagnostic.error(ErrorCode.WRONG_ARITY, argument.span(), "`" + name + "` takes "
                        + parameters.size() + " argument(s): " + String.join(", ", parameters)));
            }
            arguments[slot] = lower(argument.value(), schema, qualifiers);
        }
        if (Arrays.stream(arguments).anyMatch(a -> a == null)) {
            throw fail(Diagnostic.error(ErrorCode.WRONG_ARITY, call.span(), "`" + name + "` needs "
                    + String.join(", ", parameters), "write " + name + "(" + String.join(", ", parameters) + ")"));
        }
        return new Call(function, List.of(arguments));
    }

    LoweringError fail(Diagnostic diagnostic) {
        diagnostics.add(diagnostic);
        return new LoweringError(diagnostic);
    }
}
