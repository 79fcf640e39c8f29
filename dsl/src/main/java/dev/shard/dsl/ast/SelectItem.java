package dev.shard.dsl.ast;

import dev.shard.dsl.diag.SourceSpan;
import java.util.Optional;

/** {@code a} (keep a column) or {@code c = expression} (compute one) in {@code select}. */
public record SelectItem(Name name, Optional<Expression> value, SourceSpan span) implements Node {
}
