package dev.shard.dsl.analyze;

import dev.shard.dsl.ast.Statement;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code apply rows|columns of X [with ...] into r: body}: kinds of the names and the buffer's size. */
final class ApplyChecker {
    private final PipelineChecker pipelines;
    private final ExpressionChecker expressions;
    private final Map<String, Binding> bindings;
    private final List<Diagnostic> diagnostics;

    ApplyChecker(PipelineChecker pipelines, ExpressionChecker expressions, Map<String, Binding> bindings,
                 List<Diagnostic> diagnostics) {
        this.pipelines = pipelines;
        this.expressions = expressions;
        this.bindings = bindings;
        this.diagnostics = diagnostics;
    }

    void check(Statement.ApplyStatement apply) {
        Optional<Binding> matrix = pipelines.requireKind(apply.matrix(), Binding.Kind.MATRIX,
                "`apply` runs over a matrix made by `matrix(n, p) {...}` or `read_matrix \"file\"`;"
                        + " over a list, use `apply each of parts`");
        Set<String> locals = pipelines.applyLocals(apply);
        Optional<Binding> buffer = pipelines.requireKind(apply.into(), Binding.Kind.BUFFER,
                "results go into a buffer: `let r = buffer(double, p)`");
        switch (apply.body()) {
            case Statement.ApplyBody.ExpressionBody body -> expressions.check(body.expression(),
                    Scope.of(Scope.Place.APPLY).withLocals(locals).allowingAggregates());
            case Statement.ApplyBody.KernelBody kernel -> pipelines.kernel(kernel.className(), kernel.parameters());
        }
        if (matrix.isPresent() && buffer.isPresent()) {
            checkSize(apply, matrix.get(), buffer.get());
        }
    }

    private void checkSize(Statement.ApplyStatement apply, Binding matrix, Binding buffer) {
        if (matrix.dimensions().size() != 2 || buffer.dimensions().isEmpty()) {
            return;
        }
        boolean columns = apply.margin() == Statement.Margin.COLUMNS;
        long slices = matrix.dimensions().get(columns ? 1 : 0);
        long length = buffer.dimensions().getFirst();
        if (length == slices) {
            return;
        }
        String noun = columns ? "column" : "row";
        diagnostics.add(Diagnostic.error(ErrorCode.BUFFER_SIZE_MISMATCH, apply.into().span(),
                "`" + apply.into().text() + "` holds " + length + (buffer.dimensions().size() > 1 ? " rows" : " values")
                        + ", but `apply " + noun + "s of " + apply.matrix().text() + "` makes one per " + noun + ": "
                        + slices,
                buffer.describe(), matrix.describe(),
                "size the buffer by the matrix's " + noun + "s, as in `buffer(double, "
                        + (columns ? "p" : "n") + ")` for `matrix(n, p)`"));
    }
}
