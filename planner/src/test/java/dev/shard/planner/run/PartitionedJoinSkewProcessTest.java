package dev.shard.planner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.PlanException;
import dev.shard.planner.explain.StageExplanation;
import dev.shard.planner.logical.JoinKey;
import dev.shard.planner.logical.JoinType;
import dev.shard.planner.logical.LogicalJoin;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.physical.JoinSkew;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.run.PartitionedJoins.Keys;
import dev.shard.runtime.api.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One key holds 81% of the build rows (90% of the non-null ones): its partition's build part
 * is far above the planned share. Above a worker's whole share the join is refused after
 * the build side's partition step, before the join step, with the numbers and the budget
 * that works; within the whole share it runs, gives the reference rows, and explain notes
 * the skew. Explain before a run says how skew is handled.
 */
@Tag("process")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PartitionedJoinSkewProcessTest {
    private static final long LEFT_ROWS = 150_001;
    /**
     * 1M build rows (38 MiB as a hash table, the hot key's part 31 MiB): split in 2 under a 48
     * MiB share, whose half the hot part passes and whole share holds. Shares start at 44 MiB,
     * the smallest round one that holds a block of the partition step (65,536 × 24 B × 28×).
     */
    private static final long RIGHT_ROWS = 1_000_000;

    private static LogicalPlan join(long rightRows) {
        return new LogicalJoin(PartitionedJoins.left(LEFT_ROWS, Keys.WIDE, false),
                PartitionedJoins.right(rightRows, Keys.SKEWED, false), JoinType.INNER,
                List.of(new JoinKey("k", "id")));
    }

    @Test
    void aHotKeyAboveAWorkersShareIsRefusedBeforeTheJoinStep() throws Exception {
        PhysicalPlan plan = PhysicalPlanner.plan(join(2 * RIGHT_ROWS), PartitionedJoins.context(2, 44L << 20));
        assertTrue(plan.partitionedJoins().getFirst().partitions() >= 2, "the small budget partitions the join");
        assertTrue(PlanExplainer.planned(plan).stages().stream().anyMatch(s -> s.notes().contains(JoinSkew.PLANNED)),
                "explain says how skew is handled before anything runs");
        try (Pool pool = Pool.builder().workers(2).start()) {
            PlanException refused = assertThrows(PlanException.class, () -> QueryRunner.run(pool, plan, source -> {
                throw new AssertionError("no scan here");
            }));
            assertTrue(refused.getMessage().startsWith("join: partition "), refused.getMessage());
            assertTrue(refused.getMessage().contains("build rows (≈ ")
                    && refused.getMessage().contains("more than a worker's whole share of the budget (")
                    && refused.getMessage().contains("the join keys are skewed"), refused.getMessage());
            assertTrue(refused.hint().startsWith("raise the memory budget to at least "), refused.hint());
            RowsStageProcessTest.assertNoStageDirectoryLeft();
        }
    }

    @Test
    void aHotKeyWithinAWorkersShareRunsWithANote() throws Exception {
        PhysicalPlan plan = PhysicalPlanner.plan(join(RIGHT_ROWS), PartitionedJoins.context(2, 48L << 20));
        assertTrue(plan.partitionedJoins().getFirst().partitions() >= 2, "the budget still partitions the join");
        try (Pool pool = Pool.builder().workers(2).start()) {
            QueryResult result = QueryRunner.run(pool, plan, source -> {
                throw new AssertionError("no scan here");
            });
            List<List<Object>> rows = new ArrayList<>();
            for (int r = 0; r < result.table().rows(); r++) {
                rows.add(result.table().row(r));
            }
            List<List<Object>> expected = JoinProcessTest.referenceJoin(
                    PartitionedJoins.leftRows(LEFT_ROWS, Keys.WIDE, false),
                    PartitionedJoins.rightRows(RIGHT_ROWS, Keys.SKEWED, false), false);
            assertEquals(expected, rows);
            List<String> notes = result.explanation().stages().stream().map(StageExplanation::notes)
                    .flatMap(List::stream).toList();
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("skewed keys: partition ")
                    && n.contains("above the planned ½ × 48 MiB worker share; it fits the whole share and ran")),
                    () -> "explain --analyze notes the skew: " + notes);
            RowsStageProcessTest.assertNoStageDirectoryLeft();
        }
    }
}
