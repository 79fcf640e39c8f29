package dev.shard.planner.rule;

import static dev.shard.planner.testing.PlanAssert.assertPlan;
import static dev.shard.planner.testing.Plans.agg;
import static dev.shard.planner.testing.Plans.and;
import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.customers;
import static dev.shard.planner.testing.Plans.eq;
import static dev.shard.planner.testing.Plans.gt;
import static dev.shard.planner.testing.Plans.lit;
import static dev.shard.planner.testing.Plans.orders;
import static dev.shard.planner.testing.Plans.w2;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.JoinKey;
import dev.shard.planner.logical.JoinType;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalFilter;
import dev.shard.planner.logical.LogicalJoin;
import dev.shard.planner.logical.LogicalLimit;
import dev.shard.planner.logical.LogicalMapKernel;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalProject;
import dev.shard.planner.logical.LogicalSort;
import dev.shard.planner.logical.SortKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushDownFilterTest {
    private final Rule rule = new PushDownFilter();

    @Test
    void hasAStableName() {
        assertEquals("push_down_filter", rule.name());
    }

    @Test
    void movesBelowAProjectionRenamingPassThroughColumns() {
        LogicalPlan plan = new LogicalFilter(new LogicalProject(orders(), List.of(as("cost", col("price")),
                as("total", call(ScalarFunction.MULTIPLY, col("price"), col("qty"))))),
                and(gt(col("cost"), lit(10.0)), gt(col("total"), lit(100.0))));
        assertPlan(rule.apply(plan),
                "Filter predicate=total > 100.0",
                "  Project columns=[cost = price, total = price * qty]",
                "    Filter predicate=price > 10.0",
                "      Scan source=/data/orders.arrow columns=[id:int, name:string, price:double, qty:int] rows=1000");
    }

    @Test
    void movesBelowASortButNeverBelowALimit() {
        LogicalPlan plan = new LogicalFilter(new LogicalSort(new LogicalLimit(orders(), 10),
                List.of(SortKey.descending("price"))), gt(col("qty"), lit(1)));
        assertPlan(rule.apply(plan),
                "Sort keys=[-price]",
                "  Filter predicate=qty > 1",
                "    Limit count=10",
                "      Scan source=/data/orders.arrow columns=[id:int, name:string, price:double, qty:int] rows=1000");
    }

    @Test
    void splitsAcrossTheSidesOfAnInnerJoinAndCopiesKeyConditionsToBoth() {
        LogicalPlan join = new LogicalJoin(orders(), customers(), JoinType.INNER,
                List.of(new JoinKey("id", "customer")));
        LogicalPlan plan = new LogicalFilter(join, and(and(gt(col("price"), lit(5.0)), eq(col("country"), lit("NZ"))),
                and(gt(col("id"), lit(3)), eq(col("name"), col("country")))));
        assertPlan(rule.apply(plan),
                "Filter predicate=name == country",
                "  Join type=inner keys=[id == customer]",
                "    Filter predicate=(price > 5.0) and (id > 3)",
                "      Scan source=/data/orders.arrow columns=[id:int, name:string, price:double, qty:int] rows=1000",
                "    Filter predicate=(country == \"NZ\") and (customer > 3)",
                "      Scan source=shared table customers columns=[customer:int, country:string] rows=100");
    }

    @Test
    void aLeftJoinTakesOnlyLeftConditions() {
        LogicalPlan join = new LogicalJoin(orders(), customers(), JoinType.LEFT, List.of(new JoinKey("id", "customer")));
        LogicalPlan plan = new LogicalFilter(join, and(gt(col("id"), lit(3)), eq(col("country"), lit("NZ"))));
        assertPlan(rule.apply(plan),
                "Filter predicate=country == \"NZ\"",
                "  Join type=left keys=[id == customer]",
                "    Filter predicate=id > 3",
                "      Scan source=/data/orders.arrow columns=[id:int, name:string, price:double, qty:int] rows=1000",
                "    Scan source=shared table customers columns=[customer:int, country:string] rows=100");
    }

    @Test
    void movesBelowAnAggregateOnlyConditionsOnGroupKeys() {
        LogicalPlan aggregate = new LogicalAggregate(w2(1000), List.of("key"),
                List.of(agg("total", AggregateFunction.SUM, col("value"))));
        LogicalPlan plan = new LogicalFilter(aggregate, and(gt(col("key"), lit(10)), gt(col("total"), lit(1.0))));
        assertPlan(rule.apply(plan),
                "Filter predicate=total > 1.0",
                "  Aggregate keys=[key] aggregates=[total = sum(value)]",
                "    Filter predicate=key > 10",
                "      Generate rows=1000 columns=[key = random_int(1000, 1), value = random(2)]");
    }

    @Test
    void staysAboveAMapKernel() {
        LogicalPlan kernel = new LogicalMapKernel(orders(), "com.example.Score", Map.of(), orders().schema(), 8);
        LogicalPlan plan = new LogicalFilter(kernel, gt(col("qty"), lit(1)));
        assertEquals(plan, rule.apply(plan));
    }

    @Test
    void aConditionOnRowPositionStaysWhereItIs() {
        LogicalPlan plan = new LogicalFilter(new LogicalSort(orders(), List.of(SortKey.ascending("price"))),
                and(gt(call(ScalarFunction.RANDOM, lit(7)), lit(0.5)), gt(col("qty"), lit(1))));
        assertPlan(rule.apply(plan),
                "Filter predicate=random(7) > 0.5",
                "  Sort keys=[price]",
                "    Filter predicate=qty > 1",
                "      Scan source=/data/orders.arrow columns=[id:int, name:string, price:double, qty:int] rows=1000");
    }

    @Test
    void adjacentFiltersMergeInnerFirst() {
        LogicalPlan plan = new LogicalFilter(new LogicalFilter(orders(), gt(col("qty"), lit(1))),
                gt(col("price"), lit(2.0)));
        assertPlan(rule.apply(plan),
                "Filter predicate=(qty > 1) and (price > 2.0)",
                "  Scan source=/data/orders.arrow columns=[id:int, name:string, price:double, qty:int] rows=1000");
    }

    @Test
    void aPlanWithoutFiltersIsUnchanged() {
        LogicalPlan plan = new LogicalSort(orders(), List.of(SortKey.ascending("price")));
        assertEquals(plan, rule.apply(plan));
    }
}
