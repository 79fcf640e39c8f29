package dev.shard.planner;

import java.util.List;

/**
 * A plan that cannot run as written: an unknown column, a type mismatch, a budget that
 * cannot be met. A user error, not a bug; the message says what and the hint how to fix.
 */
public class PlanException extends RuntimeException {
    private final String hint;

    public PlanException(String message, String hint) {
        super(message);
        this.hint = hint == null ? "" : hint;
    }

    /** What to change; empty when the message says it all. */
    public String hint() {
        return hint;
    }

    public static PlanException unknownColumn(String name, String operator, List<String> available) {
        List<String> closest = Names.closest(name, available);
        String hint = closest.isEmpty()
                ? "the columns here are " + String.join(", ", available)
                : "did you mean " + String.join(" or ", closest.stream().map(c -> "'" + c + "'").toList())
                        + "? (columns: " + String.join(", ", available) + ")";
        return new PlanException(operator + ": no column named '" + name + "'", hint);
    }
}
