package dev.shard.dsl.analyze;

import dev.shard.dsl.ast.ScriptAst;
import dev.shard.dsl.diag.Diagnostic;
import java.util.List;
import java.util.Map;

/**
 * What analysis found: diagnostics, and the let/param bindings in declaration order
 * (with the param values of this run, overrides applied), which lowering reads.
 */
public record Analysis(ScriptAst ast, Map<String, Binding> bindings, List<Diagnostic> diagnostics) {
    public Analysis {
        bindings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bindings));
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
