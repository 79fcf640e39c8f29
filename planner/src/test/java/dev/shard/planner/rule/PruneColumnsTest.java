package dev.shard.planner.rule;

import static dev.shard.planner.testing.PlanAssert.assertPlan;
import static dev.shard.planner.testing.Plans.agg;
import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.customers;
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
import dev.shard.planner.logical.LogicalMapKernel;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalProject;
import dev.shard.planner.logical.LogicalWrite;
import dev.shard.planner.logical.WriteTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PruneColumnsTest {
    private final Rule rule = new PruneColumns();

    @Test
    void hasAStableName() {
        assertEquals("prune_columns", rule.name());
    }

    @Test
    void aScanReadsOnlyTheColumnsUsedAbove() {
        LogicalPlan plan = new LogicalAggregate(new LogicalFilter(orders(), gt(col("qty"), lit(2))), List.of(),
                List.of(agg("revenue", AggregateFunction.SUM, col("price"))));
        assertPlan(rule.apply(plan),
                "Aggregate keys=[] aggregates=[revenue = sum(price)]",
                "  Filter predicate=qty > 2",
                "    Scan source=/data/orders.arrow columns=[price:double, qty:int] rows=1000");
    }

    @Test
    void aProjectionDropsUnusedColumnsAndAGeneratorComputesOnlyTheUsedOnes() {
        LogicalPlan derived = LogicalProject.derive(w2(100), List.of(as("twice",
                call(ScalarFunction.MULTIPLY, col("value"), lit(2.0))), as("unused", col("key"))));
        LogicalPlan plan = new LogicalAggregate(derived, List.of(), List.of(agg("total", AggregateFunction.SUM,
                col("twice"))));
        assertPlan(rule.apply(plan),
                "Aggregate keys=[] aggregates=[total = sum(twice)]",
                "  Project columns=[twice = value * 2.0]",
                "    Generate rows=100 columns=[value = random(2)]");
    }

    @Test
    void countingRowsKeepsOneColumnToCount() {
        LogicalPlan plan = new LogicalAggregate(orders(), List.of(), List.of(agg("rows", AggregateFunction.COUNT, null)));
        assertPlan(rule.apply(plan),
                "Aggregate keys=[] aggregates=[rows = count()]",
                "  Scan source=/data/orders.arrow columns=[id:int] rows=1000");
    }

    @Test
    void joinSidesKeepTheirKeys() {
        LogicalPlan join = new LogicalJoin(orders(), customers(), JoinType.INNER, List.of(new JoinKey("id", "customer")));
        LogicalPlan plan = new LogicalAggregate(join, List.of("country"), List.of(agg("n", AggregateFunction.COUNT,
                null)));
        assertPlan(rule.apply(plan),
                "Aggregate keys=[country] aggregates=[n = count()]",
                "  Join type=inner keys=[id == customer]",
                "    Scan source=/data/orders.arrow columns=[id:int] rows=1000",
                "    Scan source=shared table customers columns=[customer:int, country:string] rows=100");
    }

    @Test
    void aKernelAndAWriteNeedAllTheirInput() {
        LogicalPlan kernel = new LogicalMapKernel(orders(), "com.example.Score", Map.of("alpha", 0.5),
                orders().schema(), 8);
        LogicalPlan plan = new LogicalWrite(kernel, new WriteTarget.CsvFile(Path.of("/tmp/out.csv")));
        assertEquals(plan, rule.apply(plan));
    }
}
