package dev.shard.dsl.ast;

import dev.shard.dsl.diag.SourceSpan;

/** An identifier as written, with its span (for "declared here" and "did you mean"). */
public record Name(String text, SourceSpan span) implements Node {
}
