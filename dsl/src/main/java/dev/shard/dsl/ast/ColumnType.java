package dev.shard.dsl.ast;

import dev.shard.dsl.diag.SourceSpan;

/** {@code col: type} in an explicit CSV schema. */
public record ColumnType(Name column, Name type, SourceSpan span) implements Node {
}
