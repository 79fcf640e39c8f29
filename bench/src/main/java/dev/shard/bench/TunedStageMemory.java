package dev.shard.bench;

import static dev.shard.dsl.api.Functions.col;
import static dev.shard.dsl.api.Functions.count;
import static dev.shard.dsl.api.Functions.random;
import static dev.shard.dsl.api.Functions.randomInt;
import static dev.shard.dsl.api.Functions.row;
import static dev.shard.dsl.api.Functions.sum;

import dev.shard.dsl.api.Result;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import dev.shard.planner.explain.StageExplanation;
import dev.shard.planner.logical.JoinType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Whether shards the tuner sized fit the budget as measured: collect, sort, a join whose
 * build side is as large as its probe side (partitioned under a small budget) and one whose
 * build side is half of it (broadcast: every worker holds its hash table), unpinned, under one budget on a fresh pool (warmed
 * on 65,536 rows), each stage's estimated peak private memory per worker beside the measured one
 * (RssAnon, sampled by the runtime). OperatorMemory measures one shard per size; here a worker
 * runs several shards in a row, so what its collector leaves between them shows.
 *
 * <p>Usage: {@code TunedStageMemory <budget MiB> <rows> [workers]}
 */
public final class TunedStageMemory {
    private TunedStageMemory() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: TunedStageMemory <budget MiB> <rows> [workers]");
        }
        long budget = Long.parseLong(args[0]) << 20;
        long rows = Long.parseLong(args[1].replace("_", ""));
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path directory = Files.createTempDirectory("tuned-stage-memory");
        try {
            System.out.printf(Locale.ROOT, "| case | stage | top operator | shard rows | shards | est. peak MiB/worker"
                    + " | measured peak MiB/worker |%n|---|---|---|---|---|---|---|%n");
            measure("collect (write)", budget, workers, rows, (session, n) -> source(session, n)
                    .write(directory.resolve("collected.arrow")));
            measure("sort", budget, workers, rows, (session, n) -> source(session, n).sort("value")
                    .write(directory.resolve("sorted.arrow")));
            measure("join, build as large as probe", budget, workers, rows, (session, n) -> session.generate(n,
                    col("key", randomInt(n, 1)), col("value", random(2))).join(session.generate(n, col("id", row()),
                    col("w", random(5))), JoinType.INNER, "key", "id").groupBy()
                    .aggregate(count("n"), sum("w"), sum("value")).execute());
            measure("join, broadcast build of half the rows", budget, workers, rows, (session, n) -> session.generate(n,
                    col("key", randomInt(n / 2, 1)), col("value", random(2))).join(session.generate(n / 2,
                    col("id", row())), JoinType.INNER, "key", "id").groupBy().aggregate(count("n")).execute());
        } finally {
            try (var files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static dev.shard.dsl.api.Dataset source(Session session, long rows) {
        return session.generate(rows, col("key", randomInt(1000, 1)), col("value", random(2)));
    }

    private static void measure(String name, long budget, int workers, long rows,
            BiFunction<Session, Long, Result> query) {
        try (Session session = Shard.local().workers(workers).memoryBudget(budget).open()) {
            query.apply(session, 1L << 16);
            Result result = query.apply(session, rows);
            for (StageExplanation stage : result.explanation().stages()) {
                long measured = stage.actualPeakPrivateBytesPerWorker().stream().mapToLong(Long::longValue).max()
                        .orElse(-1);
                System.out.printf(Locale.ROOT, "| %s | %d | %s | %,d | %d | %.0f | %.0f |%n", name, stage.id(),
                        stage.operators().getFirst().name(), stage.shardRows(), stage.shards(),
                        stage.estimatedPeakPrivateBytesPerWorker() / 1048576.0, measured / 1048576.0);
            }
        }
    }
}
