package dev.shard.planner.physical;

import dev.shard.planner.PlanException;
import dev.shard.planner.physical.PhysicalPlan.PartitionedJoin;
import dev.shard.runtime.tune.HumanUnits;
import java.util.Optional;

/**
 * Skewed keys in a partitioned join. P is chosen as if keys hashed evenly; one key's rows
 * all go to one partition and an equality join cannot split them, so a hot key can make
 * one partition's build part far larger than planned. Without statistics this is known
 * only once the build side's partition step has written its files: the runner checks it
 * then, before the join step runs. A build part above a worker's whole share of the
 * budget is refused (what, the numbers, the budget that works); one above the planned half
 * share but within the whole share runs, with a note.
 */
public final class JoinSkew {
    /** What explain says before the run about the check. */
    public static final String PLANNED = "skewed keys: each partition's build part is measured after the build side's"
            + " partition step; one above a worker's whole share (the rows of one key cannot be split) is refused"
            + " before the join step";

    private JoinSkew() {
    }

    /**
     * The note for a build part above the planned half share; empty when every part is within it.
     *
     * @param buildRows build rows per partition, from the build side's partition files
     * @throws PlanException when the largest part exceeds a worker's whole share
     */
    public static Optional<String> check(PartitionedJoin join, long[] buildRows) {
        PlanningContext context = join.probe().context();
        if (context.memoryBudgetBytes() <= 0 || buildRows.length == 0) {
            return Optional.empty();
        }
        int largest = 0;
        for (int p = 1; p < buildRows.length; p++) {
            largest = buildRows[p] > buildRows[largest] ? p : largest;
        }
        long bytesPerRow = join.join().build().estimatedBytesPerRow() + JoinPlanning.HASH_BYTES_PER_ROW;
        long part = buildRows[largest] * bytesPerRow;
        int workers = context.workers();
        long bases = (long) workers * context.machine().workerBasePrivateBytes();
        long share = Math.max(0, (context.memoryBudgetBytes() - context.sharedBytes() - bases) / workers);
        String size = "partition " + largest + " of " + buildRows.length + " holds " + HumanUnits.count(buildRows[largest])
                + " build rows (≈ " + HumanUnits.bytes(part) + " as a hash table, " + bytesPerRow + " B/row)";
        if (part > share) {
            long budget = context.sharedBytes() + bases + (long) workers * part;
            throw new PlanException("join: " + size + ", more than a worker's whole share of the budget ("
                    + HumanUnits.bytes(share) + "): the join keys are skewed, and the rows of one key all go to one"
                    + " partition, which an equality join cannot split", "raise the memory budget to at least "
                    + HumanUnits.bytes(budget) + ", or filter or aggregate the right side before the join");
        }
        if (part > share / 2) {
            return Optional.of("skewed keys: " + size + ", above the planned ½ × " + HumanUnits.bytes(share)
                    + " worker share; it fits the whole share and ran");
        }
        return Optional.empty();
    }
}
