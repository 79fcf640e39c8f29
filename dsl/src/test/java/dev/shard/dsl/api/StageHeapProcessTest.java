package dev.shard.dsl.api;

import static dev.shard.dsl.api.Functions.col;
import static dev.shard.dsl.api.Functions.count;
import static dev.shard.dsl.api.Functions.random;
import static dev.shard.dsl.api.Functions.randomInt;
import static dev.shard.dsl.api.Functions.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.explain.StageExplanation;
import dev.shard.planner.logical.JoinType;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A worker's private memory follows each stage, not the largest stage before it: after a
 * partitioned join, whose steps grow each worker's heap to its bound, the stage that reads the
 * joined rows and counts them needs little, and its workers' sampled peak private memory
 * (RssAnon, read from /proc by the driver) stays within its estimate and 32 MiB. Without the heap
 * given back between stages the serial collector keeps the join's heap committed: measured 189
 * and 178 MiB against an estimate of 114 MiB (bench/results/2026-12-02-stage-heap.md).
 *
 * The heap-fit run that gives it back before the stage is named in the stage's explanation.
 *
 * <p>2 real workers, a 440 MiB budget: 220 MiB per worker, a 124 MiB heap bound.
 */
@Tag("process")
@Timeout(300)
class StageHeapProcessTest {
    private static final long ROWS = 4_000_000;
    /** The margin over the estimate: the spread of what a worker holds outside its heap is about this. */
    private static final long MARGIN_BYTES = 32L << 20;

    @Test
    void theStageAfterAPartitionedJoinRunsWithinItsEstimate() {
        try (Session session = Shard.local().workers(2).memoryBudget("440MiB").open()) {
            Dataset query = session.generate(ROWS, col("key", randomInt(ROWS, 1)), col("value", random(2)))
                    .join(session.generate(ROWS, col("id", row()), col("w", random(5))), JoinType.INNER, "key", "id")
                    .groupBy().aggregate(count("n"));
            assertEquals(1, session.physicalPlan(query.plan()).partitionedJoins().size(), "the join is partitioned");
            Result result = query.execute();
            List<StageExplanation> stages = result.explanation().stages();
            StageExplanation join = stages.stream().filter(s -> s.operators().getFirst().name()
                    .equals("PartitionHashJoinExec")).findFirst().orElseThrow();
            StageExplanation after = stages.getLast();
            assertTrue(after.estimatedPeakPrivateBytesPerWorker() + MARGIN_BYTES
                    < join.actualPeakPrivateBytesPerWorker().stream().mapToLong(Long::longValue).max().orElseThrow(),
                    () -> "the join step grew the workers beyond what the stage after it may hold: " + stages);
            assertEquals(2, after.actualPeakPrivateBytesPerWorker().size(), "both workers ran the stage");
            assertTrue(after.notes().stream().anyMatch(note -> note.contains("heap-fit shards gave back")),
                    () -> "the heap given back before the stage is in its explanation: " + after.notes());
            for (long peak : after.actualPeakPrivateBytesPerWorker()) {
                assertTrue(peak > 0 && peak <= after.estimatedPeakPrivateBytesPerWorker() + MARGIN_BYTES,
                        () -> "stage " + after.id() + " estimated at " + (after.estimatedPeakPrivateBytesPerWorker() >> 20)
                                + " MiB per worker, measured " + after.actualPeakPrivateBytesPerWorker().stream()
                                .map(bytes -> bytes >> 20).toList() + " MiB");
            }
        }
    }
}
