package dev.shard.dsl.lower;

import dev.shard.dsl.ast.LiteralValue;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.type.DataType;

/** Literals of the language as planner literals (byte sizes are whole numbers of bytes). */
public final class Literals {
    private Literals() {
    }

    public static Literal of(LiteralValue value) {
        return switch (value) {
            case LiteralValue.IntegerValue integer -> Literal.of(integer.value());
            case LiteralValue.DoubleValue decimal -> Literal.of(decimal.value());
            case LiteralValue.StringValue text -> Literal.of(text.value());
            case LiteralValue.BooleanValue bool -> Literal.of(bool.value());
            case LiteralValue.ByteSize bytes -> Literal.of(bytes.bytes());
            case LiteralValue.NullValue ignored -> Literal.nullOf(DataType.INT);
        };
    }
}
