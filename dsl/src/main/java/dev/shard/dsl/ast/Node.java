package dev.shard.dsl.ast;

import dev.shard.dsl.diag.SourceSpan;

/** Every node of the syntax tree knows where it came from. Nodes are immutable records. */
public sealed interface Node permits ScriptAst, Statement, Source, Step, Name, Text, Assignment,
        Argument, SelectItem, JoinKey, SortKey, ColumnType, LetValue {
    SourceSpan span();
}
