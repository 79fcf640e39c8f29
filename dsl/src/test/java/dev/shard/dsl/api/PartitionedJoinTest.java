package dev.shard.dsl.api;

import static dev.shard.dsl.api.Functions.col;
import static dev.shard.dsl.api.Functions.count;
import static dev.shard.dsl.api.Functions.randomInt;
import static dev.shard.dsl.api.Functions.row;
import static dev.shard.dsl.api.Functions.sum;
import static dev.shard.dsl.api.Functions.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.dsl.cli.ShardCommand;
import dev.shard.planner.explain.ExplainLevel;
import dev.shard.planner.explain.ExplainText;
import dev.shard.planner.logical.JoinType;
import dev.shard.planner.physical.PhysicalPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A join too large to broadcast under a small budget is partitioned from the fluent API
 * and from a {@code .shard} script ({@code --memory-budget}), says so in explain, and
 * writes the same bytes as the broadcast join without a budget. 2,000,000 customers make
 * a 61 MiB build hash table; 320 MiB for 2 workers is a 160 MiB slice per worker, of which
 * the worker's base (at least 96 MiB outside the heap and an 8 MiB young generation: a 64 MiB
 * heap) and half the 31 MiB shared customers leave about 40 MiB: the build exceeds half of
 * it, and one 65,536-row block of the partition step (28 MiB) still fits.
 */
@Timeout(600)
class PartitionedJoinTest {
    private static final String BUDGET = "320MiB";
    private static final String SCRIPT = """
            let customers = from generate(2_000_000) {
                id      = row(),
                country = random_int(20, stream = 7),
            }

            from generate(1_000_000) {
                customer = random_int(2_000_000, stream = 8),
                amount   = uniform(1, 500, stream = 9),
            }
            join customers (customer == customers.id)
            group {country} (aggregate {revenue = sum(amount), orders = count()})
            sort {-revenue}
            write "OUT"
            """;

    @TempDir
    Path directory;

    private static Dataset query(Session session) {
        Dataset customers = session.generate(2_000_000, col("id", row()), col("country", randomInt(20, 7)));
        return session.generate(1_000_000, col("customer", randomInt(2_000_000, 8)), col("amount", uniform(1, 500, 9)))
                .join(customers, JoinType.INNER, "customer", "id")
                .groupBy("country").aggregate(sum("amount").as("revenue"), count("orders"))
                .sort("-revenue");
    }

    @Test
    void theFluentApiPartitionsUnderASmallBudgetAndWritesTheBroadcastBytes() throws IOException {
        Path broadcast = directory.resolve("broadcast.csv");
        try (Session session = Shard.local().workers(2).open()) {
            Dataset query = query(session);
            assertTrue(session.physicalPlan(query.plan()).partitionedJoins().isEmpty(), "no budget: broadcast");
            query.write(broadcast);
        }
        Path partitioned = directory.resolve("partitioned.csv");
        try (Session session = Shard.local().workers(2).memoryBudget(BUDGET).open()) {
            Dataset query = query(session);
            PhysicalPlan plan = session.physicalPlan(query.plan());
            assertEquals(1, plan.partitionedJoins().size(), "320 MiB partitions the join");
            String explained = ExplainText.render(query.explain(ExplainLevel.PLAN), ExplainLevel.PLAN);
            assertTrue(explained.contains("strategy=partitioned: build side ≈ 2,000,000 rows × 32 B"), explained);
            assertTrue(explained.contains("PartitionHashJoinExec"), explained);
            query.write(partitioned);
        }
        assertArrayEquals(Files.readAllBytes(broadcast), Files.readAllBytes(partitioned));
        assertEquals(21, Files.readAllLines(partitioned).size(), "20 countries and a header");
    }

    @Test
    void aScriptWithASmallMemoryBudgetPartitionsAndWritesTheBroadcastBytes() throws IOException {
        Path broadcast = run("broadcast", null);
        Path explain = directory.resolve("explain.json");
        Path partitioned = run("partitioned", explain);
        assertArrayEquals(Files.readAllBytes(broadcast), Files.readAllBytes(partitioned));
        String json = Files.readString(explain);
        assertTrue(json.contains("partitioned: build side ≈ 2,000,000 rows × 32 B"), json);
        assertTrue(json.contains("\"name\" : \"PartitionHashJoinExec\""), json);
    }

    /** Runs the script on 2 workers; with {@code explain}, under the small budget. */
    private Path run(String name, Path explain) throws IOException {
        Path out = directory.resolve(name + ".csv");
        Path script = directory.resolve(name + ".shard");
        Files.writeString(script, SCRIPT.replace("OUT", out.toString()));
        String[] arguments = explain == null ? new String[] {"run", script.toString(), "--workers", "2"}
                : new String[] {"run", script.toString(), "--workers", "2", "--memory-budget", BUDGET,
                    "--explain-json", explain.toString()};
        StringWriter err = new StringWriter();
        int exit = ShardCommand.execute(arguments, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertEquals(0, exit, err.toString());
        return out;
    }
}
