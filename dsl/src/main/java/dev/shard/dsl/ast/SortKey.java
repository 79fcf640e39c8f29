package dev.shard.dsl.ast;

import dev.shard.dsl.diag.SourceSpan;

/** A sort column; {@code -revenue} sorts descending. */
public record SortKey(Name column, boolean descending, SourceSpan span) implements Node {
}
