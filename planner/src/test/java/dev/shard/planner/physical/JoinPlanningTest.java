package dev.shard.planner.physical;

import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.call;
import static dev.shard.planner.testing.Plans.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.PlanException;
import dev.shard.planner.explain.ExplainJson;
import dev.shard.planner.explain.ExplainLevel;
import dev.shard.planner.explain.ExplainText;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.JoinKey;
import dev.shard.planner.logical.JoinType;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalJoin;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalScan;
import dev.shard.planner.logical.LogicalSort;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.logical.TableSource;
import dev.shard.planner.physical.PipelineExec.HashJoinExec;
import dev.shard.planner.run.PlanExplainer;
import dev.shard.planner.testing.GoldenFiles;
import dev.shard.runtime.tune.MachineProfile;
import dev.shard.runtime.tune.WorkerMemory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a join's build side runs, and what explain says about it (pinned machine profile). */
class JoinPlanningTest {
    private static final MachineProfile MACHINE = new MachineProfile(2, 50L << 20, 92_000);

    private static LogicalPlan join(long rightRows) {
        LogicalPlan orders = new LogicalGenerate(10_000_000, List.of(
                as("customer", call(ScalarFunction.RANDOM_INT, lit(1_000), lit(8))),
                as("amount", call(ScalarFunction.RANDOM, lit(9)))));
        LogicalPlan customers = new LogicalGenerate(rightRows, List.of(as("id", call(ScalarFunction.ROW)),
                as("country", call(ScalarFunction.RANDOM_INT, lit(20), lit(7)))));
        return new LogicalJoin(orders, customers, JoinType.INNER, List.of(new JoinKey("customer", "id")));
    }

    @Test
    void aSmallBuildSideIsBroadcastAndExplainSaysWhy() {
        PhysicalPlan plan = PhysicalPlanner.plan(join(1_000), new PlanningContext(MACHINE, 1L << 30, 0));
        assertEquals(1, plan.builds().size(), "the right side runs first");
        assertEquals(PhysicalPlanner.BUILD_INPUT + "0", plan.builds().getFirst().inputName());
        HashJoinExec probe = assertInstanceOf(HashJoinExec.class, plan.stage().fragment().operators().getFirst());
        assertEquals("broadcast: build side ≈ 1,000 rows × 32 B = 31 KiB ≤ ½ × 462 MiB worker share"
                + " ((budget − shared − 2 × JVM base) / 2 workers)", probe.strategy());
        assertEquals(16_000, plan.context().sharedBytes(), "the probe stage is sized with the build table shared");
        String text = ExplainText.render(PlanExplainer.planned(plan), ExplainLevel.PLAN);
        assertTrue(text.contains("BroadcastHashJoinExec"), text);
        assertTrue(text.contains(probe.strategy()), text);
        assertTrue(text.indexOf("Stage 0 — 1,000 rows") >= 0 && text.indexOf("Stage 0") < text.indexOf("Stage 1"), "the build's stage comes first:\n" + text);
    }

    @Test
    void aBuildSideAboveHalfAWorkersShareIsPartitionedAndExplainSaysWhyAndHowMany() {
        PhysicalPlan plan = PhysicalPlanner.plan(join(20_000_000), new PlanningContext(MACHINE, 1L << 30, 0));
        assertEquals(List.of(), plan.builds(), "nothing is broadcast");
        PhysicalPlan.PartitionedJoin partitioned = plan.partitionedJoins().getFirst();
        // The join step holds each partition's build part twice (collected, hashed) and one slice of
        // its joined rows on the way to the file (65,536 × 40 B × 7.5× = 19 MiB), however many it writes.
        assertEquals(3, partitioned.partitions(), "⌈2 × 610 MiB / (462 MiB − 19 MiB)⌉");
        PipelineExec.PartitionedJoinExec reader = assertInstanceOf(PipelineExec.PartitionedJoinExec.class,
                plan.stage().fragment().operators().getFirst());
        assertEquals("partitioned: build side ≈ 20,000,000 rows × 32 B = 610 MiB > ½ × 462 MiB worker share"
                + " ((budget − shared − 2 × JVM base) / 2 workers); 3 partitions of ≈ 203 MiB, both sides split by"
                + " key hash", reader.strategy());
        assertInstanceOf(SourceExec.ProbeRowsExec.class, plan.stage().fragment().source());
        assertEquals(10_000_000, plan.stage().rows(), "the stage above walks the probe's rows");
        assertInstanceOf(SinkExec.PartitionRowsExec.class, partitioned.probe().stage().fragment().sink());
        assertInstanceOf(SinkExec.PartitionRowsExec.class, partitioned.build().stage().fragment().sink());
        String text = ExplainText.render(PlanExplainer.planned(plan), ExplainLevel.PLAN);
        assertTrue(text.contains("partitions 3 ← memory: ⌈2 × 610 MiB build hash table / (462 MiB worker share"
                + " − 19 MiB slice of joined rows written, 7.5×)⌉ = 3"), text);
        assertTrue(text.contains("HashPartitionExec") && text.contains("PartitionHashJoinExec")
                && text.contains("PartitionedHashJoinExec"), text);
        GoldenFiles.assertMatchesGolden("explain/join-partitioned-plan.txt", text);
        GoldenFiles.assertMatchesGolden("explain/join-partitioned-plan.json", ExplainJson.write(
                PlanExplainer.planned(plan)));
    }

    @Test
    void theBroadcastPlanHasItsGoldenToo() {
        PhysicalPlan plan = PhysicalPlanner.plan(join(1_000), new PlanningContext(MACHINE, 1L << 30, 0));
        GoldenFiles.assertMatchesGolden("explain/join-broadcast-plan.txt",
                ExplainText.render(PlanExplainer.planned(plan), ExplainLevel.PLAN));
    }

    @Test
    void aBuildSideAlreadySharedIsReadInPlaceWithNoBuildStage() {
        LogicalJoin generated = (LogicalJoin) join(1_000);
        LogicalPlan shared = new LogicalJoin(generated.left(), new LogicalScan(new TableSource.NamedResult("customers"),
                generated.right().schema(), 1_000), JoinType.INNER, generated.keys());
        PhysicalPlan plan = PhysicalPlanner.plan(shared, new PlanningContext(MACHINE, 1L << 30, 0));
        assertEquals(List.of(), plan.builds(), "no stage runs to make the build side");
        assertEquals(List.of(new PhysicalPlan.SharedBuildInput(PhysicalPlanner.BUILD_INPUT + "0",
                new TableSource.NamedResult("customers"))), plan.sharedBuilds());
        assertEquals(0, plan.context().sharedBytes(), "the shared table is counted where it was shared, not again");
        HashJoinExec probe = assertInstanceOf(HashJoinExec.class, plan.stage().fragment().operators().getFirst());
        assertTrue(probe.strategy().startsWith("broadcast: read in place from result of customers; build side ≈"),
                probe.strategy());
    }

    @Test
    void aBuildSideThatNeedsTooManyPartitionsIsRefusedWithTheBudgetThatWorks() {
        PlanException refused = assertThrows(PlanException.class,
                () -> PhysicalPlanner.plan(join(20_000_000), new PlanningContext(MACHINE, (100L << 20) + (1L << 20), 0)));
        assertTrue(refused.getMessage().startsWith("join: the join step (the build side ≈ 20,000,000 rows × 32 B ="
                + " 610 MiB, hashed twice over, and a 19 MiB slice of joined rows per partition) needs more than 1024"
                + " partitions"), refused.getMessage());
        assertTrue(refused.hint().startsWith("raise the memory budget to at least"), refused.hint());
    }

    @Test
    void generatorFunctionsAfterAJoinAreRefused() {
        LogicalPlan derived = dev.shard.planner.logical.LogicalProject.derive(join(1_000),
                List.of(as("noise", call(ScalarFunction.RANDOM, lit(5)))));
        PlanException refused = assertThrows(PlanException.class,
                () -> PhysicalPlanner.plan(derived, new PlanningContext(MACHINE, 0, 0)));
        assertEquals("the engine cannot run row(), random() or another generator function after a join yet",
                refused.getMessage());
    }

    @Test
    void withoutABudgetTheBuildIsBroadcast() {
        PhysicalPlan plan = PhysicalPlanner.plan(join(20_000_000), new PlanningContext(MACHINE, 0, 0));
        HashJoinExec probe = (HashJoinExec) plan.stage().fragment().operators().getFirst();
        assertTrue(probe.strategy().endsWith("no memory budget"), probe.strategy());
    }

    /** 8M orders joined to a build side of {@code columns} 8-byte columns, 8M rows: 8M × (8 × columns + 16) B as a table. */
    private static LogicalPlan eightMillionRowBuild(boolean withValue) {
        long rows = 8_000_000;
        LogicalPlan probe = new LogicalGenerate(rows, List.of(as("key", call(ScalarFunction.RANDOM_INT, lit(rows), lit(1)))));
        LogicalPlan build = new LogicalGenerate(rows, withValue
                ? List.of(as("id", call(ScalarFunction.ROW)), as("w", call(ScalarFunction.RANDOM, lit(5))))
                : List.of(as("id", call(ScalarFunction.ROW))));
        return new LogicalJoin(probe, build, JoinType.INNER, List.of(new JoinKey("key", "id")));
    }

    @Test
    void anEightMillionRowBuildAboveHalfAWorkersShareIsNotBroadcast() {
        // 8M × 32 B = 244 MiB > ½ × (400 MiB − 1 × 32 MiB) = 184 MiB, even with the smallest base a pool measures.
        MachineProfile fresh = new MachineProfile(1, 32L << 20, 92_000);
        PhysicalPlan plan = PhysicalPlanner.plan(eightMillionRowBuild(true), new PlanningContext(fresh, 400L << 20, 0));
        assertEquals(List.of(), plan.builds(), "not broadcast");
        assertEquals(1, plan.partitionedJoins().size());
    }

    @Test
    void aPoolsBaseMeasuredAtStartNoLongerLetsAPrunedBuildOnTheEdgeBeBroadcast() {
        // What TunedStageMemory's 8M-row join was: its w column unused, so the build is 8M × 24 B = 183 MiB as a
        // table, and a fresh pool measured a 32 MiB base: ½ × 368 MiB = 184 MiB held it. A worker that runs holds
        // far more than it had touched at start (its non-heap memory and whole young generation): planned with
        // that base the build is partitioned.
        long budget = 400L << 20;
        MachineProfile atStart = new MachineProfile(1, 32L << 20, 92_000);
        assertEquals(1, PhysicalPlanner.plan(eightMillionRowBuild(false), new PlanningContext(atStart, budget, 0))
                .builds().size(), "broadcast with the base a fresh pool measures");
        MachineProfile planned = new MachineProfile(1, WorkerMemory.plannedBaseBytes(32L << 20,
                WorkerMemory.maxHeapBytes(budget, 1)), 92_000);
        PhysicalPlan plan = PhysicalPlanner.plan(eightMillionRowBuild(false), new PlanningContext(planned, budget, 0));
        assertEquals(List.of(), plan.builds(), "partitioned with the base a session plans with");
        assertEquals(1, plan.partitionedJoins().size());
    }

    @Test
    void theProbeStageCountsTheHashTableEveryWorkerHolds() {
        // 2M customers × 32 B = 61 MiB as a table ≤ ½ × (400 MiB − 31 MiB shared − 2 × 50 MiB) / 2 = 67 MiB:
        // broadcast; every worker builds it and holds it, so the probe's shards fit the rest of its share.
        // Sorted above the join, so that memory (the sort's 12.5×) sets the probe stage's shards.
        PhysicalPlan plan = PhysicalPlanner.plan(new LogicalSort(join(2_000_000), List.of(SortKey.ascending("amount"))),
                new PlanningContext(MACHINE, 400L << 20, 0));
        assertEquals(1, plan.builds().size(), "broadcast");
        long table = 2_000_000L * 32;
        StageSizing.Choice sizing = plan.stage().sizing();
        long shardBytes = (long) Math.ceil(Math.min(sizing.rowsPerShard(), plan.stage().rows())
                * (double) plan.stage().fragment().source().schema().estimatedBytesPerRow()
                * plan.stage().fragment().cost().amplification());
        assertEquals(MACHINE.workerBasePrivateBytes() + table + shardBytes, sizing.estimatedPeakPrivateBytesPerWorker(),
                "base + hash table + one shard");
        assertEquals("memory", sizing.binding());
        assertTrue(sizing.arithmetic().contains("(400 MiB − 31 MiB shared − 2 × (50 MiB JVM + 61 MiB hash tables))"
                + " / 2 workers"), sizing.arithmetic());
    }
}
