package dev.shard.planner.exec;

import static dev.shard.planner.testing.Plans.as;
import static dev.shard.planner.testing.Plans.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalLimit;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.planner.physical.SinkExec;
import dev.shard.runtime.task.Shard;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A limit without keys keeps a shard's first rows as they come and stops reading once it has
 * them: the shard's file holds exactly those rows, and the source gave one batch, not the shard.
 */
class ShardLimitTest {
    private static final long ROWS = 200_000;

    @TempDir
    Path directory;

    @Test
    void aShardStopsReadingAtItsLimit() {
        PhysicalPlan plan = PhysicalPlanner.plan(new LogicalLimit(new LogicalGenerate(ROWS,
                List.of(as("r", call(ScalarFunction.ROW)))), 1_000), new PlanningContext(1, 0, 0));
        SinkExec.SortedRowsExec sink = assertInstanceOf(SinkExec.SortedRowsExec.class, plan.stage().fragment().sink());
        assertTrue(sink.keys().isEmpty(), "a limit alone");
        StageResult result = new StageKernel(plan.stage().fragment(), directory.toString())
                .run(new InProcessShardContext(new Shard(0, 0, ROWS, 1, null, 0, 0), Map.of()));
        assertEquals(1_000, result.file().rows());
        ColumnTable rows = StageFiles.read(result.file(), sink.input());
        for (int r = 0; r < rows.rows(); r++) {
            assertEquals((long) r, rows.row(r).getFirst(), "row " + r);
        }
        assertEquals(ColumnBatch.CAPACITY, result.operatorRows()[0], "one batch read, not the shard's " + ROWS);
    }
}
