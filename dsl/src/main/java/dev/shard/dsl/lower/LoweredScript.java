package dev.shard.dsl.lower;

import dev.shard.dsl.ast.Source;
import java.util.List;
import java.util.Map;

/**
 * A script ready to run: its statements in order, and the let-bound matrices, vectors and
 * buffers by name (made when the script runs, in the workers).
 */
public record LoweredScript(List<LoweredStatement> statements, Map<String, Source> matrixValues,
                            Map<String, dev.shard.planner.expr.Literal> constants) {
    public LoweredScript {
        statements = List.copyOf(statements);
        matrixValues = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(matrixValues));
        constants = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(constants));
    }
}
