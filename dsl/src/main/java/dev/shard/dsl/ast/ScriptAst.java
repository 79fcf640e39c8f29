package dev.shard.dsl.ast;

import dev.shard.dsl.diag.SourceSpan;
import java.util.List;

/** A whole script: its statements in source order. Statements with syntax errors are left out. */
public record ScriptAst(String file, List<Statement> statements, SourceSpan span) implements Node {
    public ScriptAst {
        statements = List.copyOf(statements);
    }
}
