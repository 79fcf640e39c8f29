package dev.shard.planner.run;

import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalProject;
import dev.shard.planner.logical.LogicalSort;
import dev.shard.planner.logical.LogicalWrite;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.logical.WriteTarget;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.planner.testing.Plans;
import dev.shard.runtime.api.Pool;
import java.nio.file.Path;
import java.util.List;

/**
 * A driver that sorts a generated table by {@code v} into an Arrow file on 2 workers:
 * {@code <rows> <file> stream|keep}; with a fourth argument {@code buffer}, columns v and r
 * into the output buffer at {@code <file>} (a rows × 2 double matrix). Run in a JVM whose
 * heap is smaller than the result.
 */
public final class SortToFileMain {
    private SortToFileMain() {
    }

    public static void main(String[] args) {
        long rows = Long.parseLong(args[0]);
        boolean buffer = args.length > 3 && args[3].equals("buffer");
        LogicalPlan table = StreamedWriteProcessTest.table(rows, 0);
        if (buffer) {
            table = new LogicalProject(table, List.of(Plans.as("v", Plans.col("v")), Plans.as("r", Plans.col("r"))));
        }
        LogicalPlan sorted = new LogicalSort(table, List.of(SortKey.ascending("v")));
        WriteTarget target = buffer ? new WriteTarget.OutputBuffer("sorted", args[1])
                : new WriteTarget.ArrowFile(Path.of(args[1]));
        try (Pool pool = Pool.builder().workers(2).start()) {
            QueryResult result = QueryRunner.run(pool, PhysicalPlanner.plan(new LogicalWrite(sorted, target),
                    new PlanningContext(2, 0, 0)), source -> {
                        throw new AssertionError("no scan here");
                    }, args[2].equals("keep"));
            System.out.println("rows=" + result.rows());
        }
    }
}
