package dev.shard.planner.physical;

import static dev.shard.planner.testing.Plans.agg;
import static dev.shard.planner.testing.Plans.col;
import static dev.shard.planner.testing.Plans.w2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalShardRows;
import dev.shard.runtime.tune.DataShape;
import dev.shard.runtime.tune.MachineProfile;
import dev.shard.runtime.tune.ShardChoice;
import dev.shard.runtime.tune.ShardTuner;
import dev.shard.runtime.tune.TuneRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner sizes stages through the tuner with the operators' declared costs and a pinned machine. */
class StageSizingTest {
    private static final long MIB = 1L << 20;
    private static final MachineProfile MACHINE = new MachineProfile(2, 48 * MIB, 92_000);

    private static LogicalPlan groupBy(LogicalPlan input) {
        return new LogicalAggregate(input, List.of("key"), List.of(agg("total", AggregateFunction.SUM, col("value"))));
    }

    private static PhysicalPlan plan(LogicalPlan logical, long budget, long shared) {
        return PhysicalPlanner.plan(logical, new PlanningContext(MACHINE, budget, shared));
    }

    @Test
    void theStageChoiceIsTheTunersForTheDeclaredCosts() {
        PhysicalPlan physical = plan(groupBy(w2(20_000_000)), 4L << 30, 100 * MIB);
        StageFragment fragment = physical.stage().fragment();
        ShardChoice expected = ShardTuner.choose(new TuneRequest(new DataShape(20_000_000, 16), MACHINE, 4L << 30,
                100 * MIB, fragment.cost().amplification(), fragment.cost().nanosPerRow(), 0,
                StageSizing.aggregateBlockRows(20_000_000)));
        StageSizing.Choice choice = physical.stage().sizing();
        assertEquals(expected.rowsPerShard(), choice.rowsPerShard());
        assertEquals(expected.shards(), choice.shards());
        assertEquals(expected.binding().displayName(), choice.binding());
        assertEquals(expected.arithmetic(), choice.arithmetic());
        assertEquals(0, choice.rowsPerShard() % StageSizing.aggregateBlockRows(20_000_000), "whole blocks");
        assertEquals(4L << 30, physical.context().memoryBudgetBytes());
    }

    @Test
    void aSmallBudgetMakesMemoryBindAndTheShardFitsTheShare() {
        long budget = 2 * 48 * MIB + 2 * 4 * MIB;
        StageSizing.Choice choice = plan(groupBy(w2(20_000_000)), budget, 0).stage().sizing();
        assertEquals("memory", choice.binding());
        assertTrue(choice.arithmetic().startsWith("shard rows "), choice.arithmetic());
        assertTrue(choice.estimatedPeakPrivateBytesPerWorker() <= 48 * MIB + 4 * MIB,
                "estimated peak " + choice.estimatedPeakPrivateBytesPerWorker());
    }

    @Test
    void pinnedRowsBindAsPinnedRoundedToWholeBlocks() {
        StageSizing.Choice choice = plan(groupBy(new LogicalShardRows(w2(1_000_000), 100_000)), 0, 0).stage()
                .sizing();
        assertEquals("pinned", choice.binding());
        assertEquals(2 * StageSizing.BLOCK_ROWS, choice.rowsPerShard());
        assertEquals(8, choice.shards());
    }

    @Test
    void withoutABudgetMemoryNeverBinds() {
        StageSizing.Choice choice = plan(groupBy(w2(20_000_000)), 0, 0).stage().sizing();
        assertTrue(choice.arithmetic().contains("memory ceiling unlimited"), choice.arithmetic());
    }

    @Test
    void anInfeasibleBudgetIsRefusedWithTheTunersNumbers() {
        InfeasibleBudgetException refused = assertThrows(InfeasibleBudgetException.class,
                () -> plan(groupBy(w2(1_000)), 64 * MIB, 10 * MIB));
        assertTrue(refused.getMessage().startsWith("memory budget 64 MiB cannot hold 10 MiB of shared data plus"
                + " 2 × 48 MiB of worker JVMs: use at least"), refused.getMessage());
        assertTrue(refused.smallestFeasibleBudgetBytes() > 106 * MIB);
        PlanningContext feasible = new PlanningContext(MACHINE, refused.smallestFeasibleBudgetBytes(), 10 * MIB);
        assertEquals(1, PhysicalPlanner.plan(groupBy(w2(1_000)), feasible).stage().sizing().shards());
    }

    @Test
    void theBudgetCheckBeforeStartRefusesLessThanTheWorkersBase() {
        assertThrows(InfeasibleBudgetException.class,
                () -> StageSizing.checkBudget(new PlanningContext(MACHINE, 90 * MIB, 0)));
        StageSizing.checkBudget(new PlanningContext(MACHINE, 0, 0));
        StageSizing.checkBudget(new PlanningContext(MACHINE, 200 * MIB, 0));
    }
}
