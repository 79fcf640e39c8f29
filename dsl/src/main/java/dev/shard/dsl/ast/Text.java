package dev.shard.dsl.ast;

import dev.shard.dsl.diag.SourceSpan;

/** A string literal used as a path or class name: its value after escapes, and its span. */
public record Text(String value, SourceSpan span) implements Node {
}
