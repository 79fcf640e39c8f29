package dev.shard.dsl.api;

import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Call;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.expr.ScalarFunction;

/**
 * Static helpers for the fluent API ({@code import static dev.shard.dsl.api.Functions.*}):
 * columns, literals, the WORKLOADS generator functions and aggregates.
 */
public final class Functions {
    private Functions() {
    }

    public static Ex col(String name) {
        return new Ex(new Column(name));
    }

    /** A named column definition: {@code col("key", randomInt(1000, 1))}. */
    public static NamedExpr col(String name, Object expression) {
        return NamedExpr.of(name, Ex.of(expression));
    }

    public static Ex lit(Object value) {
        return new Ex(Ex.of(value));
    }

    public static Ex row() {
        return new Ex(Call.of(ScalarFunction.ROW));
    }

    /** U(stream, row): a double in [0, 1). */
    public static Ex random(long stream) {
        return new Ex(Call.of(ScalarFunction.RANDOM, Literal.of(stream)));
    }

    /** K(stream, row, m): an int in [0, m). */
    public static Ex randomInt(long m, long stream) {
        return new Ex(Call.of(ScalarFunction.RANDOM_INT, Literal.of(m), Literal.of(stream)));
    }

    /**
     * lo + (hi − lo) · U(stream, row), a double. The bounds keep the types they are written
     * with, int or double, as a script's {@code uniform(2, 80, stream = 2)} does, so both
     * front ends build and explain the same plan.
     */
    public static Ex uniform(double low, double high, long stream) {
        return uniform(Literal.of(low), Literal.of(high), stream);
    }

    public static Ex uniform(long low, long high, long stream) {
        return uniform(Literal.of(low), Literal.of(high), stream);
    }

    public static Ex uniform(long low, double high, long stream) {
        return uniform(Literal.of(low), Literal.of(high), stream);
    }

    public static Ex uniform(double low, long high, long stream) {
        return uniform(Literal.of(low), Literal.of(high), stream);
    }

    private static Ex uniform(Literal low, Literal high, long stream) {
        return new Ex(Call.of(ScalarFunction.UNIFORM, low, high, Literal.of(stream)));
    }

    public static Ex normal(long stream) {
        return new Ex(Call.of(ScalarFunction.NORMAL, Literal.of(stream)));
    }

    /** {@code count()} named {@code name}: the number of rows. */
    public static Aggregation count(String name) {
        return new Aggregation(name, AggregateFunction.COUNT, null);
    }

    /** The non-null values of {@code column}, named {@code <column>_count} until {@link Aggregation#as}. */
    public static Aggregation countOf(String column) {
        return Aggregation.of(AggregateFunction.COUNT, column);
    }

    public static Aggregation sum(String column) {
        return Aggregation.of(AggregateFunction.SUM, column);
    }

    public static Aggregation mean(String column) {
        return Aggregation.of(AggregateFunction.MEAN, column);
    }

    public static Aggregation min(String column) {
        return Aggregation.of(AggregateFunction.MIN, column);
    }

    public static Aggregation max(String column) {
        return Aggregation.of(AggregateFunction.MAX, column);
    }

    public static Aggregation var(String column) {
        return Aggregation.of(AggregateFunction.VAR, column);
    }

    public static Aggregation sd(String column) {
        return Aggregation.of(AggregateFunction.SD, column);
    }

    public static Aggregation first(String column) {
        return Aggregation.of(AggregateFunction.FIRST, column);
    }

    public static Aggregation last(String column) {
        return Aggregation.of(AggregateFunction.LAST, column);
    }

    /** The exact number of distinct non-null values of {@code column}. */
    public static Aggregation countDistinct(String column) {
        return Aggregation.of(AggregateFunction.COUNT_DISTINCT, column);
    }
}
