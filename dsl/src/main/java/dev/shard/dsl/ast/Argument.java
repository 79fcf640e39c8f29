package dev.shard.dsl.ast;

import dev.shard.dsl.diag.SourceSpan;
import java.util.Optional;

/** A call argument, positional ({@code 6}) or named ({@code stream = 1}). */
public record Argument(Optional<Name> name, Expression value, SourceSpan span) implements Node {
}
