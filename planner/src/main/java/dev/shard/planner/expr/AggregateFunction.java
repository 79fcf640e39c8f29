package dev.shard.planner.expr;

import dev.shard.planner.type.DataType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Aggregate functions. Nulls are skipped, as in SQL: {@code count()} counts rows,
 * {@code count(x)} the rows where x is not null; over no non-null value sum, mean, min,
 * max, var, sd, first and last are null. {@code var} and {@code sd} are the sample
 * (n − 1) figures; {@code first}/{@code last} take the first/last non-null value in row
 * order.
 */
public enum AggregateFunction {
    COUNT("count"),
    SUM("sum"),
    MEAN("mean"),
    MIN("min"),
    MAX("max"),
    VAR("var"),
    SD("sd"),
    FIRST("first"),
    LAST("last"),
    COUNT_DISTINCT("count_distinct");

    private final String displayName;

    AggregateFunction(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** The result type for an argument of type {@code argument} (null for {@code count()}). */
    public DataType resultType(DataType argument) {
        return switch (this) {
            case COUNT, COUNT_DISTINCT -> DataType.INT;
            case MEAN, VAR, SD -> DataType.DOUBLE;
            case SUM, MIN, MAX, FIRST, LAST -> argument;
        };
    }

    /** Whether the argument must be a number (sum, mean, var, sd). */
    public boolean needsNumber() {
        return switch (this) {
            case SUM, MEAN, VAR, SD -> true;
            case COUNT, MIN, MAX, FIRST, LAST, COUNT_DISTINCT -> false;
        };
    }

    public static Optional<AggregateFunction> named(String name) {
        return Arrays.stream(values()).filter(f -> f.displayName.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(AggregateFunction::displayName).toList();
    }
}
