package dev.shard.dsl.analyze;

import dev.shard.dsl.ast.Name;
import java.util.List;
import java.util.Optional;

/**
 * What a let or param name stands for, as far as the script alone tells: its kind and,
 * when the sizes are constants, its dimensions (for the apply/buffer size check).
 */
public record Binding(Name name, Kind kind, String detail, List<Long> dimensions, Optional<Number> constant) {
    public Binding {
        dimensions = List.copyOf(dimensions);
    }

    public enum Kind {
        PARAM("a param"),
        VALUE("a value"),
        TABLE("a table"),
        VECTOR("a vector"),
        MATRIX("a matrix"),
        BUFFER("an output buffer"),
        LIST("a list");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** {@code `r` (an output buffer, declared at 7:5)}. */
    public String describe() {
        return "`" + name.text() + "` is " + kind.description() + (detail.isEmpty() ? "" : " (" + detail + ")")
                + ", declared at " + name.span().lineColumn();
    }
}
