package dev.shard.dsl.parse;

import dev.shard.dsl.ast.ScriptAst;
import dev.shard.dsl.diag.Diagnostic;
import dev.shard.dsl.diag.SourceText;
import java.util.List;

/** The tree of the statements that parsed, and the diagnostics of those that did not. */
public record ParseResult(SourceText source, ScriptAst ast, List<Diagnostic> diagnostics) {
    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
