package dev.shard.planner.expr;

import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Schema;
import java.io.Serializable;

/**
 * A constant: a {@code Boolean}, {@code Long}, {@code Double} or {@code String} value of
 * its type, or null (typed, so that {@code if(c, null, 1.5)} has a type).
 */
public record Literal(Serializable value, DataType type) implements Expr {
    public Literal {
        if (value != null && !matches(value, type)) {
            throw new IllegalArgumentException("literal " + value + " is not of type " + type.displayName());
        }
    }

    public static Literal of(long value) {
        return new Literal(value, DataType.INT);
    }

    public static Literal of(double value) {
        return new Literal(value, DataType.DOUBLE);
    }

    public static Literal of(boolean value) {
        return new Literal(value, DataType.BOOL);
    }

    public static Literal of(String value) {
        return new Literal(value, DataType.STRING);
    }

    public static Literal nullOf(DataType type) {
        return new Literal(null, type);
    }

    @Override
    public DataType type(Schema input) {
        return type;
    }

    @Override
    public boolean nullable(Schema input) {
        return value == null;
    }

    @Override
    public String render() {
        if (value == null) {
            return "null";
        }
        return switch (type) {
            case STRING -> '"' + ((String) value).replace("\\", "\\\\").replace("\"", "\\\"") + '"';
            case DOUBLE -> Double.toString((Double) value);
            case INT, BOOL -> value.toString();
        };
    }

    private static boolean matches(Object value, DataType type) {
        return switch (type) {
            case BOOL -> value instanceof Boolean;
            case INT -> value instanceof Long;
            case DOUBLE -> value instanceof Double;
            case STRING -> value instanceof String;
        };
    }
}
