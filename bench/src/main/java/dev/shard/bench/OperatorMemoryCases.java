package dev.shard.bench;

import static dev.shard.dsl.api.Functions.col;
import static dev.shard.dsl.api.Functions.count;
import static dev.shard.dsl.api.Functions.random;
import static dev.shard.dsl.api.Functions.randomInt;
import static dev.shard.dsl.api.Functions.row;
import static dev.shard.dsl.api.Functions.sum;

import dev.shard.dsl.api.Dataset;
import dev.shard.dsl.api.Session;
import dev.shard.planner.logical.JoinType;
import java.nio.file.Path;
import java.util.List;

/**
 * The queries of the operator-memory benchmark, one per operator under test. Each reads
 * {@code 2 × shardRows} rows with the shard size pinned at {@code shardRows}, so that a worker
 * holds one full shard at a time; the stage's other operators are the cheapest ones that
 * make a complete query (a generated source and a count without keys, which hold nothing
 * per row), so the stage's growth is the operator's.
 */
final class OperatorMemoryCases {
    /** Keys of the small-cardinality aggregate and of the broadcast join's build side. */
    static final long SMALL_KEYS = 1_000;

    private OperatorMemoryCases() {
    }

    /** The partitioned join's build side: fixed, and too large for half a worker's share of {@link #JOIN_BUDGET}. */
    static final long PARTITIONED_BUILD_ROWS = 4L << 20;
    /**
     * Small enough that the 4Mi-row build side (≈ 128 MiB as a hash table) is partitioned, on 1 or
     * 2 workers, and large enough for the partition step's pinned 512Ki-row shard (28× its 4 MiB)
     * beside a worker's base: 200 MiB was refused once the base was measured at 109 MiB (2026-12-03).
     */
    static final long JOIN_BUDGET = 256L << 20;
    /**
     * The partitioned case's probe shards are this many times smaller than the other cases': a
     * partition step holds 28× its shard, so a 4Mi-row shard would need ~900 MiB of budget, and
     * a budget that large would broadcast the build side instead.
     */
    static final long PARTITION_STEP_SHRINK = 8;

    /**
     * One operator's query: {@code build(session, shardRows, workDirectory)}, on a session with
     * {@code memoryBudgetBytes} (0: none).
     */
    record Case(String name, String operators, long memoryBudgetBytes, Builder build) {
        Case(String name, String operators, Builder build) {
            this(name, operators, 0, build);
        }
    }

    @FunctionalInterface
    interface Builder {
        /** Runs the query; a case that writes a file writes it under {@code directory}. */
        dev.shard.dsl.api.Result run(Session session, long shardRows, Path directory);
    }

    static List<Case> all() {
        return List.of(
                new Case("scan (Arrow file)", "ArrowScanExec → count", (session, rows, directory) ->
                        total(session.readArrow(arrowInput(directory, rows)).shardRows(rows))),
                new Case("filter", "generate → FilterExec → count", (session, rows, directory) ->
                        total(source(session, rows, SMALL_KEYS).filter(col("value").gt(0.5)))),
                new Case("project", "generate → ProjectExec → count", (session, rows, directory) ->
                        total(source(session, rows, SMALL_KEYS).derive(col("v2", col("value").mul(2.0).add(1.0))))),
                new Case("aggregate, 1K groups", "generate → PartialHashAggregateExec", (session, rows, directory) ->
                        source(session, rows, SMALL_KEYS).groupBy("key").aggregate(count("n"), sum("value").as("s"))
                                .execute()),
                new Case("aggregate, ~rows groups", "generate → PartialHashAggregateExec", (session, rows, directory) ->
                        source(session, rows, 2 * rows).groupBy("key").aggregate(count("n"), sum("value").as("s"))
                                .execute()),
                new Case("collect rows (write)", "generate → CollectRowsExec", (session, rows, directory) ->
                        source(session, rows, SMALL_KEYS).write(directory.resolve("collected.arrow"))),
                new Case("sort", "generate → SortedRowsExec", (session, rows, directory) ->
                        source(session, rows, SMALL_KEYS).sort("value").write(directory.resolve("sorted.arrow"))),
                new Case("join, broadcast probe", "generate → BroadcastHashJoinExec → count",
                        (session, rows, directory) -> total(source(session, rows, SMALL_KEYS).join(
                                session.generate(SMALL_KEYS, col("id", row()), col("w", random(5))), JoinType.INNER,
                                "key", "id"))),
                new Case("join, partitioned", "PartitionRowsExec both sides; join step; PartitionedHashJoinExec",
                        JOIN_BUDGET, (session, rows, directory) -> total(source(session,
                                rows / PARTITION_STEP_SHRINK, PARTITIONED_BUILD_ROWS).join(session.generate(PARTITIONED_BUILD_ROWS, col("id", row()),
                                col("w", random(5))), JoinType.INNER, "key", "id"))));
    }

    /** {@code 2 × shardRows} rows of key (long, {@code keys} distinct at most) and value (double). */
    static Dataset source(Session session, long shardRows, long keys) {
        return session.generate(2 * shardRows, col("key", randomInt(keys, 1)), col("value", random(2)))
                .shardRows(shardRows);
    }

    /** The scan case's input, written once per size before any pool is measured. */
    static Path arrowInput(Path directory, long shardRows) {
        return directory.resolve("input-" + shardRows + ".arrow");
    }

    private static dev.shard.dsl.api.Result total(Dataset rows) {
        return rows.groupBy().aggregate(count("n")).execute();
    }
}
