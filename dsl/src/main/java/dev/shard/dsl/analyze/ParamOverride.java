package dev.shard.dsl.analyze;

import dev.shard.dsl.ast.Expression;
import dev.shard.dsl.ast.Name;
import dev.shard.dsl.diag.SourceText;

/** One {@code -p name=value}: the name and the value read as a literal of the language, with their text. */
public record ParamOverride(Name name, Expression.Literal value, SourceText text) {
}
