package dev.shard.planner.run;

import static dev.shard.planner.testing.Plans.agg;
import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.JoinKey;
import dev.shard.planner.logical.JoinType;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalJoin;
import dev.shard.planner.logical.LogicalLimit;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalShardRows;
import dev.shard.planner.logical.LogicalSort;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.physical.AggregateMerge;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.task.PoolStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGKILL one worker in the middle of a group-by, of a partitioned group-by's merge stage, of a join (probe
 * stage), of a partitioned join and of a sort whose shards write stage files: the supervisor replaces it, only its shards run again, and the result has the
 * same bits as a clean run's; the stage directory is gone afterwards.
 */
@Tag("process")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WorkerDeathProcessTest {
    private static final long ROWS = 12_000_000;

    /** Enough work per shard (transcendental functions) that a kill lands mid-run on a loaded machine too. */
    private static LogicalPlan heavy() {
        return heavy(ROWS);
    }

    private static LogicalPlan heavy(long rows) {
        LogicalPlan generate = new LogicalGenerate(rows, List.of(
                as("key", call(ScalarFunction.RANDOM_INT, lit(1000), lit(1))),
                as("value", call(ScalarFunction.EXP, call(ScalarFunction.SQRT, call(ScalarFunction.ABS, call(ScalarFunction.NORMAL, lit(2)))))),
                as("other", call(ScalarFunction.LOG, call(ScalarFunction.UNIFORM, lit(1.0), lit(2.0), lit(3))))));
        return new LogicalShardRows(generate, 65_536);
    }

    @Test
    void aGroupByIsExactAfterAWorkerIsKilled() throws Exception {
        LogicalPlan plan = new LogicalSort(new LogicalAggregate(heavy(), List.of("key"), List.of(
                agg("total", AggregateFunction.SUM, col("value")), agg("sd", AggregateFunction.SD, col("other")),
                agg("n", AggregateFunction.COUNT, null))), List.of(SortKey.ascending("key")));
        compareWithAKilledRun(plan);
    }

    @Test
    void aSortWritingStageFilesIsExactAfterAWorkerIsKilled() throws Exception {
        LogicalPlan plan = new LogicalLimit(new LogicalSort(heavy(), List.of(SortKey.descending("value"),
                SortKey.ascending("key"))), 5_000);
        compareWithAKilledRun(plan);
    }

    @Test
    void aJoinIsExactAfterAWorkerIsKilled() throws Exception {
        LogicalPlan customers = new LogicalGenerate(1_000, List.of(as("id", call(ScalarFunction.ROW)),
                as("country", call(ScalarFunction.RANDOM_INT, lit(20), lit(7)))));
        LogicalPlan plan = new LogicalSort(new LogicalAggregate(new LogicalJoin(heavy(), customers, JoinType.INNER,
                List.of(new JoinKey("key", "id"))), List.of("country"), List.of(
                agg("total", AggregateFunction.SUM, col("value")), agg("n", AggregateFunction.COUNT, null))),
                List.of(SortKey.ascending("country")));
        compareWithAKilledRun(plan);
    }

    /**
     * Killed while the partitioned join's steps run (the probe side's partition files, the
     * build side's, the per-partition joins). The kill may land between steps, outside any
     * run, so the replacement of the killed worker is what shows it landed; the query's
     * report of a death inside a step is PartitionedJoinReportProcessTest's.
     */
    @Test
    void aPartitionedJoinIsExactAfterAWorkerIsKilled() throws Exception {
        LogicalPlan customers = new LogicalGenerate(800_000, List.of(as("id", call(ScalarFunction.ROW)),
                as("country", call(ScalarFunction.RANDOM_INT, lit(20), lit(7)))));
        LogicalPlan plan = new LogicalSort(new LogicalAggregate(new LogicalJoin(heavy(2_000_000), customers,
                JoinType.INNER, List.of(new JoinKey("key", "id"))), List.of("country"), List.of(
                agg("total", AggregateFunction.SUM, col("value")), agg("n", AggregateFunction.COUNT, null))),
                List.of(SortKey.ascending("country")));
        PlanningContext context = PartitionedJoins.context(2, 40L << 20);
        // 2M probe rows against a 24 MiB build table: the joined rows the join step collects set P (16 here).
        int partitions = PhysicalPlanner.plan(plan, context).partitionedJoins().getFirst().partitions();
        assertTrue(partitions >= 2, "the 40 MiB share partitions the join: " + partitions);
        try (Pool pool = Pool.builder().workers(2).start()) {
            QueryResult clean = run(pool, plan, context);
            CompletableFuture<QueryResult> running = CompletableFuture.supplyAsync(() -> run(pool, plan, context));
            long pid = awaitProgress(pool, running);
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            QueryResult killed = running.get(240, TimeUnit.SECONDS);
            assertTrue(pool.status().workers().get(1).pid() != pid, "the killed worker was replaced");
            assertEquals(WorkloadDeterminismProcessTest.render(clean.table()),
                    WorkloadDeterminismProcessTest.render(killed.table()), "same bits as the clean run");
            assertEquals(20, clean.table().rows());
            RowsStageProcessTest.assertNoStageDirectoryLeft();
        }
    }

    /**
     * Killed while the merge stage of a partitioned group-by folds its partitions: the
     * partition the worker held runs again, commits its file once, and the groups come out
     * with the clean run's bits and order.
     */
    @Test
    void aPartitionedGroupByIsExactAfterAWorkerIsKilledInItsMergeStage() throws Exception {
        LogicalPlan generate = new LogicalGenerate(3_000_000, List.of(
                as("key", call(ScalarFunction.RANDOM_INT, lit(1_500_000), lit(1))),
                as("value", call(ScalarFunction.NORMAL, lit(2))),
                as("day", call(ScalarFunction.RANDOM_INT, lit(365), lit(3)))));
        LogicalPlan plan = new LogicalAggregate(generate, List.of("key"), List.of(
                agg("total", AggregateFunction.SUM, col("value")), agg("sd", AggregateFunction.SD, col("value")),
                agg("days", AggregateFunction.COUNT_DISTINCT, col("day"))));
        PhysicalPlan physical = PhysicalPlanner.withAggregateMerge(PhysicalPlanner.plan(plan,
                new PlanningContext(2, 0, 0)), AggregateMerge.pinned(32));
        try (Pool pool = Pool.builder().workers(2).start()) {
            QueryResult clean = run(pool, physical);
            CompletableFuture<QueryResult> running = CompletableFuture.supplyAsync(() -> run(pool, physical));
            long pid = awaitMergeStage(pool, running);
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            QueryResult killed = running.get(240, TimeUnit.SECONDS);
            assertTrue(pool.status().workers().get(1).pid() != pid, "the killed worker was replaced");
            assertEquals(WorkloadDeterminismProcessTest.render(clean.table()),
                    WorkloadDeterminismProcessTest.render(killed.table()), "same bits and order as the clean run");
            assertTrue(clean.table().rows() > 1_000_000, "about 1.3M distinct keys: " + clean.table().rows());
            RowsStageProcessTest.assertNoStageDirectoryLeft();
        }
    }

    /** Slot 1's process once it has finished a task of the merge stage (whose directory then exists). */
    private static long awaitMergeStage(Pool pool, CompletableFuture<QueryResult> running) throws Exception {
        java.nio.file.Path runDirectory = dev.shard.storage.segment.SegmentStore.shared()
                .runDirectory(dev.shard.storage.segment.Backing.SHM);
        long mergeStarted = -1;
        while (!running.isDone()) {
            PoolStatus.WorkerStatus worker = pool.status().workers().get(1);
            if (mergeStarted < 0) {
                try (java.util.stream.Stream<java.nio.file.Path> stages = java.nio.file.Files.list(runDirectory)) {
                    if (stages.anyMatch(stage -> stage.getFileName().toString().startsWith("stage-")
                            && java.nio.file.Files.isDirectory(stage.resolve("merged")))) {
                        mergeStarted = worker.tasksDone();
                    }
                }
            } else if (worker.tasksDone() > mergeStarted) {
                return worker.pid();
            }
            Thread.sleep(1);
        }
        throw new AssertionError("the query finished before its merge stage could be interrupted: make it longer");
    }

    private static QueryResult run(Pool pool, PhysicalPlan plan) {
        return QueryRunner.run(pool, plan, source -> {
            throw new AssertionError("no scan here");
        });
    }

    private static void compareWithAKilledRun(LogicalPlan plan) throws Exception {
        try (Pool pool = Pool.builder().workers(2).start()) {
            QueryResult clean = run(pool, plan);
            CompletableFuture<QueryResult> running = CompletableFuture.supplyAsync(() -> run(pool, plan));
            long pid = awaitProgress(pool, running);
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            QueryResult killed = running.get(240, TimeUnit.SECONDS);
            assertEquals(1, killed.report().orElseThrow().deaths().size(),
                    () -> "the kill landed mid-run: " + killed.report().orElseThrow().renderText());
            assertEquals(WorkloadDeterminismProcessTest.render(clean.table()),
                    WorkloadDeterminismProcessTest.render(killed.table()), "same bits as the clean run");
            assertTrue(clean.table().rows() > 0);
            RowsStageProcessTest.assertNoStageDirectoryLeft();
        }
    }

    private static QueryResult run(Pool pool, LogicalPlan plan) {
        return run(pool, plan, new PlanningContext(2, 0, 0));
    }

    private static QueryResult run(Pool pool, LogicalPlan plan, PlanningContext context) {
        return QueryRunner.run(pool, PhysicalPlanner.plan(plan, context), source -> {
            throw new AssertionError("no scan here");
        });
    }

    /** Slot 1's process once it has finished a shard of the running query. */
    private static long awaitProgress(Pool pool, CompletableFuture<QueryResult> running) throws InterruptedException {
        long before = pool.status().workers().get(1).tasksDone();
        while (!running.isDone()) {
            PoolStatus.WorkerStatus worker = pool.status().workers().get(1);
            // Past one build-side shard too, so that a join's kill lands in its probe stage.
            if (worker.tasksDone() > before + 1) {
                return worker.pid();
            }
            Thread.sleep(2);
        }
        throw new AssertionError("the query finished before a worker could be killed: make it longer");
    }
}
