package dev.shard.planner.expr;

import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Schema;

/** A reference to an input column by name. */
public record Column(String name) implements Expr {
    @Override
    public DataType type(Schema input) {
        return input.require(name, "expression").type();
    }

    @Override
    public boolean nullable(Schema input) {
        return input.require(name, "expression").nullable();
    }

    @Override
    public String render() {
        return name;
    }
}
