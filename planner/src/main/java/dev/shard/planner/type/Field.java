package dev.shard.planner.type;

import java.util.Objects;

/** A named, typed column; {@code nullable} is false only when no row can hold a null. */
public record Field(String name, DataType type, boolean nullable) implements java.io.Serializable {
    public Field {
        Objects.requireNonNull(type, "type");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a column name must not be blank");
        }
    }

    public static Field of(String name, DataType type) {
        return new Field(name, type, true);
    }

    public Field renamed(String newName) {
        return new Field(newName, type, nullable);
    }
}
