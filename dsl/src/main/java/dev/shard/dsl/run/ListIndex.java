package dev.shard.dsl.run;

import dev.shard.dsl.ast.Argument;
import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.ast.LiteralValue;
import dev.shard.dsl.ast.Source;

/**
 * The source of element i of {@code list(k) { source }}: the same source with every
 * {@code index()} replaced by the number i, so the element is made like any let-bound vector
 * or matrix. The AST is not changed; a new tree is built.
 */
final class ListIndex {
    private final long index;

    private ListIndex(long index) {
        this.index = index;
    }

    static Source element(Source source, long index) {
        ListIndex substitution = new ListIndex(index);
        return switch (source) {
            case Source.VectorSource vector -> new Source.VectorSource(substitution.of(vector.length()),
                    substitution.of(vector.element()), vector.span());
            case Source.MatrixSource matrix -> new Source.MatrixSource(substitution.of(matrix.rows()),
                    substitution.of(matrix.columns()), substitution.of(matrix.cell()), matrix.span());
            case Source.FileSource _, Source.NamedSource _, Source.GenerateSource _, Source.ReadMatrixSource _,
                    Source.ListSource _, Source.GeneratedListSource _, Source.BufferSource _ -> source;
        };
    }

    private Expression of(Expression expression) {
        return switch (expression) {
            case Expression.Call call when call.function().text().equals("index") && call.arguments().isEmpty() ->
                    new Expression.Literal(new LiteralValue.IntegerValue(index), call.span());
            case Expression.Call call -> new Expression.Call(call.function(), call.arguments().stream()
                    .map(argument -> new Argument(argument.name(), of(argument.value()), argument.span())).toList(),
                    call.span());
            case Expression.Unary unary -> new Expression.Unary(unary.operator(), of(unary.operand()), unary.span());
            case Expression.Binary binary -> new Expression.Binary(binary.operator(), of(binary.left()),
                    of(binary.right()), binary.span());
            case Expression.Index element -> new Expression.Index(of(element.target()), of(element.index()),
                    element.span());
            case Expression.Literal literal -> literal;
            case Expression.NameReference name -> name;
        };
    }
}
