package dev.shard.planner.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shard.planner.physical.InfeasibleBudgetException;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.runtime.task.ContiguousShards;
import dev.shard.runtime.task.Margin;
import dev.shard.runtime.tune.MachineProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tuner sizes an apply's calls like a stage's rows: balance, overhead, memory, pinned. */
class MatrixApplyPlannerTest {
    private static final long MIB = 1L << 20;
    private static final MachineProfile TWO = new MachineProfile(2, 40 * MIB, 92_000);
    private static final PlanningContext BUDGETED = new PlanningContext(TWO, 4L << 30, 0);

    private static MatrixApply columns(long rows, long columns, long footprint, long pinned) {
        return new MatrixApply("X", rows, columns, Margin.COLUMNS, List.of(new MatrixApply.SideInput("y", rows * 8)),
                "cor(column, y)", "r", footprint, pinned);
    }

    @Test
    void w1IsFourShardsPerWorkerAndExplainSaysWhy() {
        MatrixApplyPlan plan = MatrixApplyPlanner.plan(columns(10_000, 2_000, 0, 0), BUDGETED, false);
        assertEquals(250, plan.callsPerShard());
        assertEquals(8, plan.shardCount());
        assertEquals("balance", plan.binding());
        assertEquals(new ContiguousShards(2_000, 250), plan.shards());
        assertEquals(10_000L * 2_000 * 8 + 10_000 * 8, plan.sharedBytes());
        String text = plan.explainText();
        assertTrue(text.contains("Apply — 2,000 calls (one per column of X), 8 shards of 250 calls on 2 workers"), text);
        assertTrue(text.contains("shard calls 250 ← balance: 2K calls / (2 workers × 4 shards/worker)"), text);
        assertTrue(text.contains("sides=y (78 KiB)"), text);
    }

    @Test
    void theJsonFormCarriesTheExactFiguresAndItsKind() throws Exception {
        MatrixApplyPlan plan = MatrixApplyPlanner.plan(columns(10_000, 2_000, 0, 0), BUDGETED, false);
        JsonNode json = new ObjectMapper().readTree(MatrixApplyJson.write(plan));
        assertEquals(1, json.get("schemaVersion").asInt());
        assertEquals("matrixApply", json.get("kind").asText());
        assertEquals("columns", json.get("margin").asText());
        assertEquals(2_000, json.get("calls").asLong());
        assertEquals(250, json.get("callsPerShard").asLong());
        assertEquals(8, json.get("shards").asInt());
        assertEquals("balance", json.get("bindingConstraint").asText());
        assertEquals(10_000L * 2_000 * 8 + 80_000, json.get("sharedBytes").asLong());
        assertEquals("y", json.get("sides").get(0).get("name").asText());
        assertEquals(plan.arithmetic(), json.get("arithmetic").asText());
    }

    @Test
    void shortCallsAreGroupedUpToTheOverheadFloor() {
        // 100 elements per call: 200 ns of work, so 50 × 92 µs of dispatch needs 23,000 calls per shard;
        // 100,000 calls hold 2 such shards per worker: 4 even shards of 25,000 instead of 4 × 23,000 + 8,000.
        MatrixApplyPlan plan = MatrixApplyPlanner.plan(columns(100, 100_000, 0, 0), BUDGETED, false);
        assertEquals("overhead", plan.binding());
        assertEquals(25_000, plan.callsPerShard());
        assertEquals(4, plan.shardCount());
        assertTrue(plan.arithmetic().startsWith("shard calls 25K ← overhead: 50 × 92 µs dispatch / 200 ns/call = 23K,"
                + " raised to 4 even shards (2 per worker) of 100K calls"), plan.arithmetic());
    }

    @Test
    void aKernelsFootprintBindsTheShardToTheBudget() {
        // 1 MiB per call; (1 GiB − 153 MiB shared − 2 × 40 MiB) / 2 workers ≈ 395 calls.
        PlanningContext small = new PlanningContext(TWO, 1L << 30, 0);
        MatrixApplyPlan plan = MatrixApplyPlanner.plan(columns(10_000, 100_000, MIB, 0), small, true);
        assertEquals("memory", plan.binding());
        assertEquals(((1L << 30) - 2 * 40 * MIB) / 2 / MIB, plan.callsPerShard());
        assertTrue(plan.estimatedPeakPrivateBytesPerWorker() <= 40 * MIB + ((1L << 30) - 80 * MIB) / 2);
        assertTrue(plan.arithmetic().contains("/call"), plan.arithmetic());
    }

    @Test
    void aBudgetBelowTheSharedMatrixIsRefusedWithTheSmallestThatWorks() {
        PlanningContext tiny = new PlanningContext(TWO, 100 * MIB, 0);
        InfeasibleBudgetException refused = assertThrows(InfeasibleBudgetException.class,
                () -> MatrixApplyPlanner.plan(columns(10_000, 2_000, 0, 0), tiny, false));
        assertTrue(refused.smallestFeasibleBudgetBytes() >= 10_000L * 2_000 * 8 + 2 * 40 * MIB,
                refused.getMessage());
    }

    @Test
    void aPinnedSizeIsKeptAndRowsAreCalledOncePerRow() {
        MatrixApply rows = new MatrixApply("X", 1_000, 50, Margin.ROWS, List.of(), "sum(row)", "s", 0, 64);
        MatrixApplyPlan plan = MatrixApplyPlanner.plan(rows, BUDGETED, false);
        assertEquals("pinned", plan.binding());
        assertEquals(64, plan.callsPerShard());
        assertEquals(16, plan.shardCount());
        assertTrue(plan.explainText().contains("1,000 calls (one per row of X)"), plan.explainText());
    }

    @Test
    void aMatrixWithoutColumnsIsRefusedSayingWhy() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> MatrixApplyPlanner.plan(columns(10, 0, 0, 0), BUDGETED, false));
        assertEquals("an apply over the columns of `X` makes no calls: it is 10 × 0; give it at least one column",
                refused.getMessage());
    }
}
