package dev.shard.planner.type;

import java.util.Locale;

/**
 * The engine's column types. Integers are 64-bit and floating-point values are
 * doubles whatever the source stores (an Arrow {@code int32} column reads as
 * {@link #INT}), so expressions need only one kernel per operation.
 */
public enum DataType {
    BOOL,
    INT,
    DOUBLE,
    STRING;

    /** The name users write and read ({@code int}, {@code double}, ...). */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isNumeric() {
        return this == INT || this == DOUBLE;
    }

    /** The type both numeric operands widen to, or null when they do not meet. */
    public static DataType widen(DataType left, DataType right) {
        if (left == right) {
            return left;
        }
        if (left.isNumeric() && right.isNumeric()) {
            return DOUBLE;
        }
        return null;
    }

    /** The type named {@code name} ({@code int}, {@code double}, {@code bool}, {@code string}), or null. */
    public static DataType named(String name) {
        for (DataType type : values()) {
            if (type.displayName().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
