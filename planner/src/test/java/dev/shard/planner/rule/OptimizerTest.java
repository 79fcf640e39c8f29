package dev.shard.planner.rule;

import static dev.shard.planner.testing.PlanAssert.assertPlan;
import static dev.shard.planner.testing.Plans.agg;
import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.gt;
import static dev.shard.planner.testing.Plans.lit;
import static dev.shard.planner.testing.Plans.orders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalFilter;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalProject;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerTest {
    @Test
    void theStandardRulesRunInOrderAndRecordEachStep() {
        LogicalPlan plan = new LogicalAggregate(new LogicalFilter(new LogicalProject(orders(), List.of(
                as("cost", col("price")), as("qty", col("qty")), as("name", col("name")))), gt(col("cost"), lit(1.0))),
                List.of(), List.of(agg("total", AggregateFunction.SUM, col("qty"))));
        Optimizer.Result result = Optimizer.standard().optimize(plan);
        assertEquals(List.of("fold_constants", "push_down_filter", "prune_columns"),
                result.steps().stream().map(step -> step.rule()).toList());
        assertEquals(List.of(false, true, true), result.steps().stream().map(step -> step.changed()).toList());
        assertPlan(result.plan(),
                "Aggregate keys=[] aggregates=[total = sum(qty)]",
                "  Project columns=[qty]",
                "    Filter predicate=price > 1.0",
                "      Scan source=/data/orders.arrow columns=[price:double, qty:int] rows=1000");
        assertEquals(result.steps().get(2).planText(), dev.shard.planner.explain.LogicalPlanText.render(result.plan()));
    }

    @Test
    void aRuleThatChangesTheRootsColumnsIsCaughtByName() {
        Rule broken = new Rule() {
            @Override
            public String name() {
                return "drop_everything_but_id";
            }

            @Override
            public LogicalPlan apply(LogicalPlan plan) {
                return orders().readingOnly(List.of("id"));
            }
        };
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new Optimizer(List.of(broken)).optimize(orders()));
        assertTrue(error.getMessage().startsWith("rule drop_everything_but_id changed the plan's columns from "
                + "[id, name, price, qty] to [id]"), error.getMessage());
    }
}
