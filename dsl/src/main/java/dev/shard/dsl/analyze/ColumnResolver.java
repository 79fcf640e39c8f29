package dev.shard.dsl.analyze;

import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.ast.Pipeline;
import dev.shard.dsl.diag.Diagnostic;
import java.util.List;

/**
 * The seam for column-level checks. A bare name inside a pipeline step is a column of
 * the rows flowing through, and which columns exist (and their types) is known only from
 * the schemas the planner derives. The analyzer hands every such reference here; the
 * default accepts all of them, and lowering plugs in a resolver backed by the logical
 * plan's schemas ("did you mean" over the columns in scope, type errors).
 */
public interface ColumnResolver {
    ColumnResolver UNCHECKED = (pipeline, reference) -> List.of();

    /** Diagnostics for one column reference in a step of {@code pipeline}; empty if it is fine. */
    List<Diagnostic> resolve(Pipeline pipeline, Expression.NameReference reference);
}
