package dev.shard.planner.physical;

import dev.shard.planner.PlanException;
import dev.shard.planner.logical.LogicalJoin;
import dev.shard.planner.physical.PipelineExec.HashJoinExec;
import dev.shard.runtime.tune.HumanUnits;

/**
 * Chooses how a join runs. The build (right) side is broadcast when its hash table fits
 * half of one worker's share of the budget (what the budget leaves after the shared data
 * and the workers' JVM bases, divided by the workers), leaving the other half to the
 * probe stage's shards. Without a budget memory cannot bind and the build is broadcast.
 */
final class JoinPlanning {
    /** A build row on a worker's heap: its values plus the hash table's slot and chain entries. */
    static final long HASH_BYTES_PER_ROW = 16;

    private JoinPlanning() {
    }

    /** The build side's estimated bytes as a shared Arrow table. */
    static long sharedBytes(LogicalJoin join) {
        return RowEstimates.of(join.right()) * join.right().schema().estimatedBytesPerRow();
    }

    /**
     * The probe operator of {@code join}, whose build side is the stage input {@code buildInput}:
     * a planned build stage's result, or ({@code sharedSource} not empty) a table already shared.
     *
     * @throws PlanException when the build side does not fit a worker's share: the
     *     partitioned join (both sides split by key hash) is not executed yet
     */
    static HashJoinExec probe(LogicalJoin join, String buildInput, String sharedSource, PlanningContext context) {
        long rows = RowEstimates.of(join.right());
        long bytesPerRow = join.right().schema().estimatedBytesPerRow();
        long tableBytes = rows * (bytesPerRow + HASH_BYTES_PER_ROW);
        String where = sharedSource.isEmpty() ? "" : "read in place from " + sharedSource + "; ";
        String size = HumanUnits.count(rows) + " rows × " + (bytesPerRow + HASH_BYTES_PER_ROW) + " B = "
                + HumanUnits.bytes(tableBytes);
        String strategy;
        if (context.memoryBudgetBytes() <= 0) {
            strategy = "broadcast: " + where + "build side ≈ " + size + " per worker; no memory budget";
        } else {
            long machineBase = (long) context.workers() * context.machine().workerBasePrivateBytes();
            long share = Math.max(0, (context.memoryBudgetBytes() - context.sharedBytes() - machineBase)
                    / context.workers());
            if (tableBytes > share / 2) {
                long needed = context.sharedBytes() + machineBase + 2 * tableBytes * context.workers();
                throw new PlanException("join: the build side (≈ " + size + ") does not fit half a worker's share"
                        + " of the budget (" + HumanUnits.bytes(share) + " per worker), and the partitioned join is"
                        + " not executed yet", "raise the memory budget to at least " + HumanUnits.bytes(needed)
                        + ", or filter or aggregate the right side before the join");
            }
            strategy = "broadcast: " + where + "build side ≈ " + size + " ≤ ½ × " + HumanUnits.bytes(share)
                    + " worker share ((budget − shared − " + context.workers() + " × JVM base) / "
                    + context.workers() + " workers)";
        }
        return new HashJoinExec(buildInput, join.type(), join.keys(), join.left().schema(),
                join.right().schema(), join.schema(), strategy);
    }
}
