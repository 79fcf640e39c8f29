package dev.shard.planner.physical;

import dev.shard.planner.logical.TableSource;
import dev.shard.planner.logical.WriteTarget;
import dev.shard.planner.physical.PipelineExec.HashJoinExec;
import dev.shard.planner.physical.SinkExec.PartitionRowsExec;
import dev.shard.planner.type.Schema;
import java.util.List;
import java.util.Optional;

/**
 * How a logical plan runs: one worker stage (source → pipeline → sink inside the
 * workers), then the driver's operators over its merged result, then an optional write.
 * The inputs the stage borrows are named in its source and published by the runner;
 * {@code builds} are the plans whose results the runner shares first, as Arrow tables,
 * under their input names (the build sides of broadcast joins), in order;
 * {@code sharedBuilds} are build sides already in shared memory (a script's let result),
 * passed to the stage as they are, with no stage of their own;
 * {@code partitionedJoins} run next (both sides split by key hash, joined per partition),
 * their joined files shared under their input names. {@code context} is what the stage
 * was sized against (explain and the run's budget check).
 */
public record PhysicalPlan(List<BuildInput> builds, List<SharedBuildInput> sharedBuilds,
        List<PartitionedJoin> partitionedJoins, Stage stage, List<DriverExec> driverOperators, Schema output,
        Optional<WriteTarget> write, PlanningContext context) {
    public PhysicalPlan {
        builds = List.copyOf(builds);
        sharedBuilds = List.copyOf(sharedBuilds);
        partitionedJoins = List.copyOf(partitionedJoins);
        driverOperators = List.copyOf(driverOperators);
    }

    public PhysicalPlan(List<BuildInput> builds, Stage stage, List<DriverExec> driverOperators, Schema output,
            Optional<WriteTarget> write, PlanningContext context) {
        this(builds, List.of(), List.of(), stage, driverOperators, output, write, context);
    }

    public PhysicalPlan(Stage stage, List<DriverExec> driverOperators, Schema output, Optional<WriteTarget> write,
            PlanningContext context) {
        this(List.of(), List.of(), List.of(), stage, driverOperators, output, write, context);
    }

    /** A plan run before the stage; its result is shared as the Arrow table input {@code inputName}. */
    public record BuildInput(String inputName, PhysicalPlan plan) {
    }

    /**
     * A join too large to broadcast, run before the stage in three steps: {@code probe}'s
     * stage splits the left rows into partition files, {@code build}'s the right rows
     * (when the build plan finishes on the driver, the driver splits its result with
     * {@code buildPartitioning}); then a join stage with one shard per partition maps
     * partition p of both sides, builds {@code join}'s hash table from the build part and
     * probes it. Its files are shared as {@code inputName + p}.
     *
     * @param arithmetic       how the partition count was chosen, in human units
     * @param buildTableBytes  the estimated hash table of the whole build side
     * @param workingSetBytes  what the join step holds over all partitions: the build side
     *                         collected and hashed, and each partition's slice of joined rows
     */
    public record PartitionedJoin(String inputName, PhysicalPlan probe, PhysicalPlan build,
            PartitionRowsExec buildPartitioning, HashJoinExec join, int partitions, String arithmetic,
            long buildTableBytes, long workingSetBytes) {
        /** One partition's share of the build hash table. */
        public long partitionTableBytes() {
            return (buildTableBytes + partitions - 1) / partitions;
        }

        /** One partition's share of the join step's working set: a join-step shard's private memory. */
        public long partitionWorkingSetBytes() {
            return (workingSetBytes + partitions - 1) / partitions;
        }
    }

    /** A build side already shared: the stage input {@code inputName} is {@code source} itself. */
    public record SharedBuildInput(String inputName, TableSource source) {
    }
}
