package dev.shard.planner.explain;

import static dev.shard.planner.testing.GoldenFiles.assertMatchesGolden;
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
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Literal;
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
import dev.shard.planner.logical.LogicalShardRows;
import dev.shard.planner.logical.LogicalSort;
import dev.shard.planner.logical.LogicalWrite;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.logical.TableSource;
import dev.shard.planner.logical.WriteTarget;
import dev.shard.planner.type.DataType;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogicalPlanJsonTest {
    /** One plan with every node kind, every source and target kind, nulls and non-finite doubles. */
    static LogicalPlan everyNode() {
        Map<String, Serializable> parameters = new LinkedHashMap<>();
        parameters.put("alpha", 0.5);
        parameters.put("rounds", 3L);
        parameters.put("label", "x");
        parameters.put("exact", true);
        LogicalPlan scored = new LogicalMapKernel(new LogicalShardRows(orders(), 65_536), "com.example.Score",
                parameters, orders().schema(), 12.5);
        LogicalPlan joined = new LogicalJoin(new LogicalFilter(scored, gt(col("price"), lit(Double.NaN))),
                customers(), JoinType.LEFT, List.of(new JoinKey("id", "customer")));
        LogicalPlan derived = LogicalProject.derive(joined, List.of(as("maybe", call(ScalarFunction.COALESCE,
                Literal.nullOf(DataType.DOUBLE), lit(Double.NEGATIVE_INFINITY))), as("neg", call(ScalarFunction.NEGATE,
                col("qty")))));
        LogicalPlan grouped = new LogicalAggregate(derived, List.of("country"), List.of(
                agg("n", AggregateFunction.COUNT, null), agg("total", AggregateFunction.SUM, col("price"))));
        LogicalPlan sorted = new LogicalLimit(new LogicalSort(grouped, List.of(SortKey.descending("total"),
                SortKey.ascending("country"))), 10);
        return new LogicalWrite(sorted, new WriteTarget.ArrowFile(Path.of("/tmp/out.arrow")));
    }

    @Test
    void everyNodeRoundTrips() {
        LogicalPlan plan = everyNode();
        String json = LogicalPlanJson.write(plan);
        assertMatchesGolden("plan/every-node.json", json);
        assertEquals(plan, LogicalPlanJson.read(json));
        assertEquals(json, LogicalPlanJson.write(LogicalPlanJson.read(json)));
    }

    @Test
    void generatorsAndCsvRoundTrip() {
        LogicalPlan plan = new LogicalWrite(new LogicalFilter(w2(20_000_000), gt(col("value"), lit(0.5))),
                new WriteTarget.CsvFile(Path.of("/tmp/w2.csv")));
        assertEquals(plan, LogicalPlanJson.read(LogicalPlanJson.write(plan)));
        LogicalPlan csv = new dev.shard.planner.logical.LogicalScan(new TableSource.CsvFile(Path.of("/data/x.csv")),
                orders().schema(), -1);
        assertEquals(csv, LogicalPlanJson.read(LogicalPlanJson.write(csv)));
    }

    @Test
    void theTextFormShowsEveryNodeWithOrderedParameters() {
        assertMatchesGolden("plan/every-node.txt", LogicalPlanText.render(everyNode()));
    }

    @Test
    void anotherSchemaVersionIsRefusedNamingBoth() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LogicalPlanJson.read("{\"schemaVersion\": 2, \"plan\": {}}"));
        assertEquals("plan JSON: schemaVersion 2 is not supported; this version of shard reads schemaVersion 1",
                error.getMessage());
    }

    @Test
    void anUnknownNodeAndMalformedJsonAreNamed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LogicalPlanJson.read("{\"schemaVersion\": 1, \"plan\": {\"node\": \"pivot\"}}"));
        assertEquals("plan JSON: unknown node 'pivot'", unknown.getMessage());
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> LogicalPlanJson.read("{\"schemaVersion\": 1,\n \"plan\": ["));
        assertEquals(true, malformed.getMessage().startsWith("plan JSON: not valid JSON at line 2"),
                malformed.getMessage());
    }

    @Test
    void readingRechecksNamesAndTypes() {
        String json = LogicalPlanJson.write(new LogicalFilter(orders(), gt(col("qty"), lit(1))))
                .replace("\"column\" : \"qty\"", "\"column\" : \"qtty\"");
        dev.shard.planner.PlanException error = assertThrows(dev.shard.planner.PlanException.class,
                () -> LogicalPlanJson.read(json));
        assertEquals("expression: no column named 'qtty'", error.getMessage());
    }
}
