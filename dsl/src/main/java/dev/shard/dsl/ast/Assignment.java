package dev.shard.dsl.ast;

import dev.shard.dsl.diag.SourceSpan;

/** {@code name = expression}, in generate blocks, derive, aggregate and kernel parameters. */
public record Assignment(Name name, Expression value, SourceSpan span) implements Node {
}
