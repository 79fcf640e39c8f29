package dev.shard.planner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.exec.StageHeapNeed;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.planner.testing.Plans;
import dev.shard.runtime.task.PoolStatus;
import dev.shard.runtime.tune.MachineProfile;
import dev.shard.runtime.tune.WorkerMemory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a stage asks of a worker's heap, and when the driver has the workers fit it first. */
class StageHeapFitTest {
    private static final long MIB = 1L << 20;
    private static final MachineProfile MACHINE = new MachineProfile(2, 128 * MIB, 92_000);

    @Test
    void aBudgetedStageNeedsItsEstimateLessWhatAWorkerHoldsOutsideItsHeap() {
        PhysicalPlan plan = PhysicalPlanner.plan(Plans.w2(8_000_000), new PlanningContext(MACHINE, 440 * MIB, 0));
        StageHeapNeed need = StageHeapFit.need(plan);
        assertEquals(plan.stage().sizing().estimatedPeakPrivateBytesPerWorker() - WorkerMemory.NON_HEAP_PRIVATE_BYTES,
                need.bytes());
        assertEquals(plan.stage().fragment().hashCode(), need.stageKey());
    }

    @Test
    void withoutABudgetTheHeapIsLeftAsItIs() {
        PhysicalPlan plan = PhysicalPlanner.plan(Plans.w2(8_000_000), new PlanningContext(MACHINE, 0, 0));
        assertEquals(StageHeapNeed.NONE, StageHeapFit.need(plan));
    }

    @Test
    void theWorkersFitTheirHeapWhenOneHoldsMoreThanTheEstimateAndTheMargin() {
        StageHeapNeed need = new StageHeapNeed(17 * MIB, 7);
        assertTrue(StageHeapFit.worthFitting(status(189, 80), 114 * MIB, need), "the stage after a partitioned join");
        assertFalse(StageHeapFit.worthFitting(status(146, 80), 114 * MIB, need), "within 32 MiB of the estimate");
        assertFalse(StageHeapFit.worthFitting(status(189, 80), 114 * MIB, StageHeapNeed.NONE), "no need known");
    }

    private static PoolStatus status(long... privateMebibytes) {
        List<PoolStatus.WorkerStatus> workers = new java.util.ArrayList<>();
        for (int w = 0; w < privateMebibytes.length; w++) {
            workers.add(new PoolStatus.WorkerStatus(w, 1000 + w, "IDLE", 60 * MIB, privateMebibytes[w] * MIB,
                    privateMebibytes[w] * MIB, privateMebibytes[w] * MIB, 10, 0, 300, "USED"));
        }
        return new PoolStatus(workers, List.of(), 0.5);
    }
}
