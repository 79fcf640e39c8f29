package dev.shard.planner.expr;

import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Schema;
import java.io.Serializable;

/**
 * A scalar expression over the columns of one row. Immutable and serializable, so a
 * plan fragment carrying expressions can be shipped to workers as it is.
 */
public sealed interface Expr extends Serializable permits Column, Literal, Call {
    /** The type of this expression over {@code input}; throws PlanException naming the problem. */
    DataType type(Schema input);

    /** Whether a row can evaluate to null (SQL semantics: most operations propagate null). */
    boolean nullable(Schema input);

    /** The expression as the language writes it, for explain and messages. */
    String render();
}
