package dev.shard.planner.expr;

import java.io.Serializable;
import java.util.Objects;

/** An expression and the column name it produces ({@code derive name = expr}). */
public record NamedExpr(String name, Expr expr) implements Serializable {
    public NamedExpr {
        Objects.requireNonNull(expr, "expr");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a derived column needs a name");
        }
    }

    public static NamedExpr of(String name, Expr expr) {
        return new NamedExpr(name, expr);
    }
}
