package dev.shard.planner.run;

import static dev.shard.planner.testing.Plans.agg;
import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.explain.StageExplanation;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.JoinKey;
import dev.shard.planner.logical.JoinType;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalJoin;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalShardRows;
import dev.shard.planner.logical.LogicalSort;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.report.RunReport;
import dev.shard.runtime.task.PoolStatus;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.SegmentStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGKILL a worker during a partitioned join's partition step and during its join step:
 * the query's report (every stage's run combined) names the death, the step it happened
 * in and the retry, explain --analyze shows them on that step's stage, and the rows are
 * the clean run's.
 */
@Tag("process")
@Timeout(value = 400, unit = TimeUnit.SECONDS)
class PartitionedJoinReportProcessTest {
    private static final String PARTITION_STEP = "partitioned join 0 of final stage: probe side's partition step";
    private static final String JOIN_STEP = "partitioned join 0 of final stage: join step";

    @Test
    void aDeathInThePartitionStepIsInTheQueryReport() throws Exception {
        killDuring("probe", "build", PARTITION_STEP);
    }

    @Test
    void aDeathInTheJoinStepIsInTheQueryReport() throws Exception {
        killDuring("joined", null, JOIN_STEP);
    }

    private static void killDuring(String stepDirectory, String nextStepDirectory, String step) throws Exception {
        LogicalPlan plan = plan();
        // The smallest round share that holds a pinned block of the partition step (65,536 × 16 B × 28× = 28 MiB).
        PlanningContext context = PartitionedJoins.context(2, 30L << 20);
        int partitions = PhysicalPlanner.plan(plan, context).partitionedJoins().getFirst().partitions();
        assertTrue(partitions >= 8, "enough join-step shards to kill a worker among them: " + partitions);
        try (Pool pool = Pool.builder().workers(2).start()) {
            QueryResult clean = run(pool, plan, context);
            assertTrue(clean.report().orElseThrow().deaths().isEmpty(), "the clean run lost no worker");
            // The join's key comes from the join, with no bound: its aggregation merges in a stage of its own.
            assertEquals(List.of("partitioned join 0 of final stage: probe side's partition step",
                    "partitioned join 0 of final stage: build side's partition step",
                    "partitioned join 0 of final stage: join step", "final stage", "aggregation merge stage"),
                    clean.stageReports().stream().map(StageRunReport::stage).toList());
            CompletableFuture<QueryResult> running = CompletableFuture.supplyAsync(() -> run(pool, plan, context));
            long pid = awaitStep(pool, running, stepDirectory, nextStepDirectory);
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            QueryResult killed = running.get(300, TimeUnit.SECONDS);
            RunReport report = killed.report().orElseThrow();
            assertEquals(1, report.deaths().size(), report::renderText);
            RunReport.DeathEvent death = report.deaths().getFirst();
            assertEquals(pid, death.pid());
            assertTrue(death.cause().startsWith("during " + step + ": "), death.cause());
            assertTrue(report.shards().retries() >= 1, report::renderText);
            assertTrue(report.recommendations().stream().anyMatch(r -> r.startsWith(step + ": ")
                    && r.contains("shard retries after 1 worker deaths")), report::renderText);
            assertTrue(report.renderText().contains("death: worker 1 (pid " + pid + ")"), report::renderText);
            StageRunReport stage = killed.stageReports().stream().filter(s -> s.stage().equals(step)).findFirst()
                    .orElseThrow();
            assertEquals(1, stage.report().deaths().size(), "the death is in its step's own report");
            int index = killed.stageReports().indexOf(stage);
            StageExplanation explained = killed.explanation().stages().get(index);
            assertTrue(explained.notes().stream().anyMatch(n -> n.startsWith("worker 1 (pid " + pid + ") died")),
                    () -> "explain --analyze shows the death on its step: " + explained.notes());
            assertTrue(explained.notes().stream().anyMatch(n -> n.contains("shard retr")), () -> explained.notes().toString());
            assertEquals(WorkloadDeterminismProcessTest.render(clean.table()),
                    WorkloadDeterminismProcessTest.render(killed.table()), "same bits as the clean run");
            RowsStageProcessTest.assertNoStageDirectoryLeft();
        }
    }

    /** A probe side heavy to compute, a build side partitioned many ways, an aggregate above. */
    private static LogicalPlan plan() {
        LogicalPlan probe = new LogicalShardRows(new LogicalGenerate(1_000_000, List.of(
                as("key", call(ScalarFunction.RANDOM_INT, lit(800_000), lit(1))),
                as("value", call(ScalarFunction.EXP, call(ScalarFunction.SQRT, call(ScalarFunction.ABS,
                        call(ScalarFunction.NORMAL, lit(2)))))))), 65_536);
        LogicalPlan customers = new LogicalGenerate(4_000_000, List.of(as("id", call(ScalarFunction.ROW)),
                as("country", call(ScalarFunction.RANDOM_INT, lit(20), lit(7)))));
        return new LogicalSort(new LogicalAggregate(new LogicalJoin(probe, customers, JoinType.INNER,
                List.of(new JoinKey("key", "id"))), List.of("country"), List.of(
                agg("total", AggregateFunction.SUM, col("value")), agg("n", AggregateFunction.COUNT, null))),
                List.of(SortKey.ascending("country")));
    }

    private static QueryResult run(Pool pool, LogicalPlan plan, PlanningContext context) {
        return QueryRunner.run(pool, PhysicalPlanner.plan(plan, context), source -> {
            throw new AssertionError("no scan here");
        });
    }

    /**
     * Slot 1's process once it has finished a shard inside the step whose directory is
     * {@code stepDirectory}, while the step after it (if any) has not started.
     */
    private static long awaitStep(Pool pool, CompletableFuture<QueryResult> running, String stepDirectory,
            String nextStepDirectory) throws Exception {
        long before = -1;
        while (!running.isDone()) {
            PoolStatus.WorkerStatus worker = pool.status().workers().get(1);
            if (before < 0 && exists(stepDirectory)) {
                before = worker.tasksDone();
            } else if (before >= 0 && worker.tasksDone() > before
                    && (nextStepDirectory == null || !exists(nextStepDirectory))) {
                return worker.pid();
            }
            Thread.sleep(1);
        }
        throw new AssertionError("the query finished before a worker could be killed in its " + stepDirectory
                + " step: make it longer");
    }

    private static boolean exists(String step) throws Exception {
        try (Stream<Path> stages = Files.list(SegmentStore.shared().runDirectory(Backing.SHM))) {
            return stages.filter(p -> p.getFileName().toString().startsWith("stage-"))
                    .anyMatch(p -> Files.isDirectory(p.resolve("join-0").resolve(step)));
        }
    }
}
