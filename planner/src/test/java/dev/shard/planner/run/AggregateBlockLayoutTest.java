package dev.shard.planner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.exec.InProcessShardContext;
import dev.shard.planner.exec.StageKernel;
import dev.shard.planner.exec.StageResult;
import dev.shard.planner.exec.aggregate.FinalAggregator;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.physical.DriverExec.FinalAggregateExec;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.planner.physical.SinkExec.PartialAggregateExec;
import dev.shard.planner.physical.StageSizing;
import dev.shard.runtime.task.Shard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An aggregation over enough rows folds blocks larger than 65,536 rows (fewer partials for
 * the driver), and its result is still the same bits for every shard layout: the block is
 * a function of the rows alone, and every shard is whole blocks.
 */
class AggregateBlockLayoutTest {
    /** Just enough rows for 128K-row blocks, and a ragged last block. */
    private static final long ROWS = 64 * 2 * StageSizing.BLOCK_ROWS + 12_345;

    @Test
    void theBlockGrowsWithTheRowsAlone() {
        assertEquals(StageSizing.BLOCK_ROWS, StageSizing.aggregateBlockRows(0));
        assertEquals(StageSizing.BLOCK_ROWS, StageSizing.aggregateBlockRows(ROWS - 12_346));
        assertEquals(2 * StageSizing.BLOCK_ROWS, StageSizing.aggregateBlockRows(ROWS));
        assertEquals(4 * StageSizing.BLOCK_ROWS, StageSizing.aggregateBlockRows(20_000_000));
        assertEquals(16 * StageSizing.BLOCK_ROWS, StageSizing.aggregateBlockRows(Long.MAX_VALUE));
    }

    @Test
    void everyLayoutOfTheLargerBlocksGivesTheSameBits() {
        List<String> outputs = new ArrayList<>();
        // Pinned below the block (rounded up to one), between blocks, and the tuner's own choice.
        for (long pinned : new long[] {65_536, 3 * 65_536 + 1, 0}) {
            for (int workers : new int[] {1, 3}) {
                PhysicalPlan plan = PhysicalPlanner.plan(Workloads.groupAggregate(ROWS, pinned),
                        new PlanningContext(workers, 0, 0));
                PartialAggregateExec sink = (PartialAggregateExec) plan.stage().fragment().sink();
                assertEquals(2 * StageSizing.BLOCK_ROWS, sink.blockRows(), "the plan's block");
                long shardRows = plan.stage().sizing().rowsPerShard();
                assertEquals(0, shardRows % sink.blockRows(), "shards of whole blocks, got " + shardRows);
                outputs.add(WorkloadDeterminismProcessTest.render(run(plan, shardRows)));
            }
        }
        for (String output : outputs) {
            assertEquals(outputs.getFirst(), output, "every layout gives the same bits");
        }
        assertTrue(outputs.getFirst().length() > 1000);
    }

    /** The stage's shards run in order in this JVM, their partials merged as the driver merges them. */
    private static ColumnTable run(PhysicalPlan plan, long shardRows) {
        FinalAggregateExec exec = (FinalAggregateExec) plan.driverOperators().getFirst();
        FinalAggregator merge = new FinalAggregator(exec.input(), exec.keys(), exec.aggregates(), exec.output());
        StageKernel kernel = new StageKernel(plan.stage().fragment());
        int id = 0;
        for (long start = 0; start < ROWS; start += shardRows) {
            Shard shard = new Shard(id++, start, Math.min(ROWS, start + shardRows), 1, null, 0, 0);
            StageResult result = kernel.run(new InProcessShardContext(shard, Map.of()));
            result.partials().forEach(merge::merge);
        }
        return merge.finish();
    }
}
