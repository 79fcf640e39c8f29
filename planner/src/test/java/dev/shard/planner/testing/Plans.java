package dev.shard.planner.testing;

import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Call;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalScan;
import dev.shard.planner.logical.TableSource;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.nio.file.Path;
import java.util.List;

/** Short builders for plans and expressions in tests: {@code gt(col("value"), lit(0.5))}. */
public final class Plans {
    private Plans() {
    }

    /** W2 of WORKLOADS.md: key = random_int(1000, 1), value = random(2). */
    public static LogicalGenerate w2(long rows) {
        return new LogicalGenerate(rows, List.of(
                NamedExpr.of("key", call(ScalarFunction.RANDOM_INT, lit(1000), lit(1))),
                NamedExpr.of("value", call(ScalarFunction.RANDOM, lit(2)))));
    }

    /** An Arrow file of 1,000 rows with columns id:int, name:string, price:double, qty:int. */
    public static LogicalScan orders() {
        return new LogicalScan(new TableSource.ArrowFile(Path.of("/data/orders.arrow")), Schema.of(
                Field.of("id", DataType.INT), Field.of("name", DataType.STRING), Field.of("price", DataType.DOUBLE),
                Field.of("qty", DataType.INT)), 1_000);
    }

    /** A shared table of customers: customer:int, country:string. */
    public static LogicalScan customers() {
        return new LogicalScan(new TableSource.SharedTable("customers", "handle-1"), Schema.of(
                Field.of("customer", DataType.INT), Field.of("country", DataType.STRING)), 100);
    }

    public static Column col(String name) {
        return new Column(name);
    }

    public static Literal lit(long value) {
        return Literal.of(value);
    }

    public static Literal lit(double value) {
        return Literal.of(value);
    }

    public static Literal lit(String value) {
        return Literal.of(value);
    }

    public static Literal lit(boolean value) {
        return Literal.of(value);
    }

    public static Call call(ScalarFunction function, Expr... arguments) {
        return Call.of(function, arguments);
    }

    public static Call gt(Expr left, Expr right) {
        return call(ScalarFunction.GREATER, left, right);
    }

    public static Call eq(Expr left, Expr right) {
        return call(ScalarFunction.EQUAL, left, right);
    }

    public static Call and(Expr left, Expr right) {
        return call(ScalarFunction.AND, left, right);
    }

    public static NamedExpr as(String name, Expr expr) {
        return NamedExpr.of(name, expr);
    }

    public static AggregateCall agg(String name, AggregateFunction function, Expr argument) {
        return new AggregateCall(name, function, argument);
    }
}
