package dev.shard.dsl.ast;

import dev.shard.dsl.diag.SourceSpan;

/** {@code customer == customers.id}: left side from the pipeline, right side from the joined table. */
public record JoinKey(Expression left, Expression right, SourceSpan span) implements Node {
}
