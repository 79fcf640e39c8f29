package dev.shard.planner.run;

import static dev.shard.planner.testing.Plans.agg;
import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalFilter;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalLimit;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalProject;
import dev.shard.planner.logical.LogicalSort;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.physical.DriverExec;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.planner.type.DataType;
import dev.shard.runtime.api.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Filters and derives over an aggregation's result (a HAVING, a ratio of two aggregates) run on
 * the driver after the merge, with sorts and takes around them: the rows are those of the plain
 * aggregation, filtered and computed in Java, bit for bit, with SQL's nulls (a null aggregate
 * compared is dropped), on 1 and 3 workers.
 */
@Tag("process")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AfterAggregateProcessTest {
    private static final long ROWS = 300_007;

    /** Per key: n rows, total of value, and the largest value of a column null for keys 0-9. */
    private static LogicalPlan aggregate() {
        LogicalPlan generate = new LogicalGenerate(ROWS, List.of(
                as("key", call(ScalarFunction.RANDOM_INT, lit(100), lit(1))),
                as("value", call(ScalarFunction.RANDOM, lit(2))),
                // The key again (same stream, same row): null for every row of keys 0-9.
                as("rare", call(ScalarFunction.IF, call(ScalarFunction.LESS,
                        call(ScalarFunction.RANDOM_INT, lit(100), lit(1)), lit(10)),
                        Literal.nullOf(DataType.DOUBLE), call(ScalarFunction.RANDOM, lit(3))))));
        return new LogicalAggregate(generate, List.of("key"), List.of(agg("n", AggregateFunction.COUNT, null),
                agg("total", AggregateFunction.SUM, col("value")), agg("top", AggregateFunction.MAX, col("rare"))));
    }

    @Test
    void aHavingAndADeriveOverAnAggregationMatchThePlainAggregationFilteredInJava() throws Exception {
        LogicalPlan having = new LogicalLimit(new LogicalSort(new LogicalProject(new LogicalFilter(aggregate(),
                call(ScalarFunction.AND, call(ScalarFunction.GREATER_EQUAL, col("n"), lit(3_000)),
                        call(ScalarFunction.LESS, col("top"), lit(0.9999)))),
                List.of(as("key", col("key")), as("mean", call(ScalarFunction.DIVIDE, col("total"), col("n"))),
                        as("twice", call(ScalarFunction.MULTIPLY, col("n"), lit(2))))),
                List.of(SortKey.descending("mean"))), 20);
        for (int workers : new int[] {1, 3}) {
            PhysicalPlan plan = PhysicalPlanner.plan(having, new PlanningContext(workers, 0, 0));
            assertTrue(plan.driverOperators().stream().anyMatch(DriverExec.FilterExec.class::isInstance)
                    && plan.driverOperators().stream().anyMatch(DriverExec.ProjectExec.class::isInstance),
                    "the filter and the derive run on the driver: " + plan.driverOperators());
            try (Pool pool = Pool.builder().workers(workers).start()) {
                List<List<Object>> plain = GeneratedQueries.rows(run(pool, new LogicalSort(aggregate(),
                        List.of(SortKey.ascending("key"))), workers));
                List<List<Object>> expected = new ArrayList<>();
                for (List<Object> row : plain) {
                    long n = (Long) row.get(1);
                    Double top = (Double) row.get(3);
                    if (n >= 3_000 && top != null && top < 0.9999) {
                        expected.add(List.of(row.get(0), (Double) row.get(2) / n, n * 2));
                    }
                }
                expected.sort((a, b) -> Double.compare((Double) b.get(1), (Double) a.get(1)));
                expected = expected.subList(0, Math.min(20, expected.size()));
                assertTrue(expected.size() >= 5, "the filter keeps some keys and drops others: " + expected.size());
                assertTrue(plain.stream().anyMatch(row -> row.get(3) == null), "keys with a null maximum exist");
                assertEquals(expected, GeneratedQueries.rows(run(pool, having, workers)), workers + " workers");
            }
        }
    }

    private static QueryResult run(Pool pool, LogicalPlan plan, int workers) {
        return GeneratedQueries.run(pool, PhysicalPlanner.plan(plan, new PlanningContext(workers, 0, 0)));
    }

}
