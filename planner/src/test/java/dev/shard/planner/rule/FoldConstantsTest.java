package dev.shard.planner.rule;

import static dev.shard.planner.testing.PlanAssert.assertPlan;
import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.gt;
import static dev.shard.planner.testing.Plans.lit;
import static dev.shard.planner.testing.Plans.orders;
import static dev.shard.planner.testing.Plans.w2;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.LogicalFilter;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalProject;
import dev.shard.planner.type.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldConstantsTest {
    private final Rule rule = new FoldConstants();

    @Test
    void hasAStableName() {
        assertEquals("fold_constants", rule.name());
    }

    @Test
    void aFilterThatFoldsToTrueDisappears() {
        LogicalPlan plan = new LogicalFilter(orders(), gt(call(ScalarFunction.ADD, lit(1), lit(2)), lit(2)));
        assertPlan(rule.apply(plan),
                "Scan source=/data/orders.arrow columns=[id:int, name:string, price:double, qty:int] rows=1000");
    }

    @Test
    void constantPartsFoldAndColumnsAndGeneratorsStay() {
        LogicalPlan plan = LogicalProject.derive(w2(10), List.of(
                as("scaled", call(ScalarFunction.MULTIPLY, col("value"), call(ScalarFunction.DIVIDE, lit(1), lit(4)))),
                as("noise", call(ScalarFunction.UNIFORM, call(ScalarFunction.NEGATE, lit(1)), lit(1), lit(3)))));
        assertPlan(rule.apply(plan),
                "Project columns=[key, value, scaled = value * 0.25, noise = uniform(-1, 1, 3)]",
                "  Generate rows=10 columns=[key = random_int(1000, 1), value = random(2)]");
    }

    /** A table of constant expressions and their values, SQL null semantics included. */
    @Test
    void theInterpreterFollowsSqlNullSemantics() {
        Literal nullBool = Literal.nullOf(DataType.BOOL);
        Literal nullInt = Literal.nullOf(DataType.INT);
        List<Object[]> table = List.of(
                new Object[] {call(ScalarFunction.ADD, lit(2), lit(3)), lit(5)},
                new Object[] {call(ScalarFunction.ADD, lit(2), lit(0.5)), lit(2.5)},
                new Object[] {call(ScalarFunction.DIVIDE, lit(7), lit(2)), lit(3.5)},
                new Object[] {call(ScalarFunction.MODULO, lit(7), lit(0)), nullInt},
                new Object[] {call(ScalarFunction.MODULO, lit(-7), lit(3)), lit(-1)},
                new Object[] {call(ScalarFunction.ADD, nullInt, lit(1)), nullInt},
                new Object[] {call(ScalarFunction.GREATER, nullInt, lit(1)), nullBool},
                new Object[] {call(ScalarFunction.AND, lit(false), nullBool), lit(false)},
                new Object[] {call(ScalarFunction.AND, lit(true), nullBool), nullBool},
                new Object[] {call(ScalarFunction.OR, lit(true), nullBool), lit(true)},
                new Object[] {call(ScalarFunction.OR, lit(false), nullBool), nullBool},
                new Object[] {call(ScalarFunction.NOT, nullBool), nullBool},
                new Object[] {call(ScalarFunction.IS_NULL, nullInt), lit(true)},
                new Object[] {call(ScalarFunction.IF, nullBool, lit(1), lit(2.5)), lit(2.5)},
                new Object[] {call(ScalarFunction.IF, lit(true), lit(1), lit(2.5)), lit(1.0)},
                new Object[] {call(ScalarFunction.CASE, nullBool, lit(1), lit(true), lit(2), lit(3)), lit(2)},
                new Object[] {call(ScalarFunction.COALESCE, nullInt, lit(4)), lit(4)},
                new Object[] {call(ScalarFunction.ROUND, lit(-2.5)), lit(-3.0)},
                new Object[] {call(ScalarFunction.ROUND, lit(2.5)), lit(3.0)},
                new Object[] {call(ScalarFunction.EQUAL, lit(Double.NaN), lit(Double.NaN)), lit(false)},
                new Object[] {call(ScalarFunction.NOT_EQUAL, lit(Double.NaN), lit(1.0)), lit(true)},
                new Object[] {call(ScalarFunction.EQUAL, lit(1), lit(1.0)), lit(true)},
                new Object[] {call(ScalarFunction.LESS, lit("apple"), lit("banana")), lit(true)},
                new Object[] {call(ScalarFunction.LENGTH, lit("héllo")), lit(5)},
                new Object[] {call(ScalarFunction.UPPER, lit("straße")), lit("STRASSE")},
                new Object[] {call(ScalarFunction.CONTAINS, lit("shard"), lit("ar")), lit(true)},
                new Object[] {call(ScalarFunction.CAST_DOUBLE, lit(3)), lit(3.0)},
                new Object[] {call(ScalarFunction.CAST_STRING, lit(42)), lit("42")},
                new Object[] {call(ScalarFunction.POW, lit(2), lit(10)), lit(1024.0)});
        for (Object[] row : table) {
            Expr expr = (Expr) row[0];
            assertEquals(row[1], FoldConstants.fold(expr), expr.render());
        }
    }

    @Test
    void castsThatParseOrTruncateWaitForRunTime() {
        Expr parse = call(ScalarFunction.CAST_INT, lit("12"));
        Expr truncate = call(ScalarFunction.CAST_INT, lit(2.7));
        assertEquals(parse, FoldConstants.fold(parse));
        assertEquals(truncate, FoldConstants.fold(truncate));
    }
}
