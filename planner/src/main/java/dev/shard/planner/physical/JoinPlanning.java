package dev.shard.planner.physical;

import dev.shard.planner.PlanException;
import dev.shard.planner.logical.JoinKey;
import dev.shard.planner.logical.JoinType;
import dev.shard.planner.logical.LogicalJoin;
import dev.shard.planner.physical.PhysicalPlan.PartitionedJoin;
import dev.shard.planner.physical.PipelineExec.HashJoinExec;
import dev.shard.planner.physical.PipelineExec.PartitionedJoinExec;
import dev.shard.planner.physical.SinkExec.JoinSide;
import dev.shard.planner.physical.SinkExec.PartitionRowsExec;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import dev.shard.runtime.tune.HumanUnits;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses how a join runs. The build (right) side is broadcast when its hash table fits
 * half of one worker's share of the budget (what the budget leaves after the shared data
 * and the workers' JVM bases, divided by the workers), leaving the other half to the
 * probe stage's shards. Otherwise both sides are split by the hash of the keys into P
 * partitions and joined partition by partition, P the smallest count (at least one per
 * worker) whose join-step working set fits a worker's share: the build part collected and
 * hashed (2 × its hash table) and one slice of joined rows on its way to the partition's
 * file (the step writes its rows as it goes, so its output, however large, holds no more).
 * Without a budget memory cannot bind and the build is broadcast.
 */
final class JoinPlanning {
    /** A build row on a worker's heap: its values plus the hash table's slot and chain entries. */
    static final long HASH_BYTES_PER_ROW = 16;
    /** Each probe shard writes one record batch per partition; beyond this the files are mostly headers. */
    static final int MAX_PARTITIONS = 1024;

    private JoinPlanning() {
    }

    /** How a join runs: broadcast ({@code partitions} = 0) or partitioned, and why. */
    record Choice(int partitions, String strategy, String arithmetic, long tableBytes, long workingSetBytes) {
        boolean partitioned() {
            return partitions > 0;
        }
    }

    /** The build side's estimated bytes as a shared Arrow table. */
    static long sharedBytes(LogicalJoin join) {
        return RowEstimates.of(join.right()) * join.right().schema().estimatedBytesPerRow();
    }

    /**
     * Broadcast or partitioned, and why; {@code sharedSource} names the build side when it is
     * already a shared table (a script's let result) that a broadcast reads in place, else "".
     */
    static Choice choose(LogicalJoin join, String sharedSource, PlanningContext context) {
        String where = sharedSource.isEmpty() ? "" : "read in place from " + sharedSource + "; ";
        long rows = RowEstimates.of(join.right());
        long bytesPerRow = join.right().schema().estimatedBytesPerRow();
        long tableBytes = rows * (bytesPerRow + HASH_BYTES_PER_ROW);
        String size = HumanUnits.count(rows) + " rows × " + (bytesPerRow + HASH_BYTES_PER_ROW) + " B = "
                + HumanUnits.bytes(tableBytes);
        if (context.memoryBudgetBytes() <= 0) {
            return new Choice(0, "broadcast: " + where + "build side ≈ " + size + " per worker; no memory budget", "",
                    tableBytes, 0);
        }
        int workers = context.workers();
        long machineBase = (long) workers * context.machine().workerBasePrivateBytes();
        long share = Math.max(0, (context.memoryBudgetBytes() - context.sharedBytes() - machineBase) / workers);
        String shareText = HumanUnits.bytes(share) + " worker share ((budget − shared − " + workers
                + " × JVM base) / " + workers + " workers)";
        if (tableBytes <= share / 2) {
            return new Choice(0, "broadcast: " + where + "build side ≈ " + size + " ≤ ½ × " + shareText, "",
                    tableBytes, 0);
        }
        long sliceBytes = SinkExec.CollectRowsExec.sliceBytes(joinedFile(join,
                PartitionRowsExec.probeFile(join.left().schema())));
        long room = share - sliceBytes;
        long needed = room <= 0 ? Long.MAX_VALUE : (2 * tableBytes + room - 1) / room;
        if (needed > MAX_PARTITIONS) {
            long perPartition = (2 * tableBytes + MAX_PARTITIONS - 1) / MAX_PARTITIONS + sliceBytes;
            long budget = context.sharedBytes() + machineBase + perPartition * workers;
            throw new PlanException("join: the join step (the build side ≈ " + size + ", hashed twice over, and a "
                    + HumanUnits.bytes(sliceBytes) + " slice of joined rows per partition) needs more than "
                    + MAX_PARTITIONS + " partitions to fit a worker's share of the budget (" + HumanUnits.bytes(share)
                    + " per worker)", "raise the memory budget to at least " + HumanUnits.bytes(budget)
                    + ", or filter or aggregate the right side before the join");
        }
        int partitions = (int) Math.max(needed, workers);
        long workingSet = 2 * tableBytes + partitions * sliceBytes;
        long part = (tableBytes + partitions - 1) / partitions;
        String strategy = "partitioned: build side ≈ " + size + " > ½ × " + shareText + "; " + partitions
                + " partitions of ≈ " + HumanUnits.bytes(part) + ", both sides split by key hash";
        String arithmetic = "partitions " + partitions + " ← memory: ⌈2 × " + HumanUnits.bytes(tableBytes)
                + " build hash table / (" + HumanUnits.bytes(share) + " worker share − "
                + HumanUnits.bytes(sliceBytes) + " slice of joined rows written, "
                + HumanUnits.factor(SinkExec.CollectRowsExec.COLLECTED_AMPLIFICATION) + ")⌉ = " + needed
                + (needed < workers ? ", raised to one per worker (" + workers + ")" : "");
        return new Choice(partitions, strategy, arithmetic, tableBytes, workingSet);
    }

    /**
     * The probe operator of a broadcast {@code join} whose build side is the stage input
     * {@code buildInput}: a planned build stage's result, or a table already shared.
     */
    static HashJoinExec probe(LogicalJoin join, String buildInput, Choice choice) {
        return new HashJoinExec(buildInput, join.type(), join.keys(), join.left().schema(),
                join.right().schema(), join.schema(), choice.strategy());
    }

    /** Both sides of {@code join} planned to split into partitions, and the join stage over them. */
    static PartitionedJoin partitioned(LogicalJoin join, Choice choice, String inputName, PlanningContext context) {
        List<DataType> compareAs = new ArrayList<>();
        for (JoinKey key : join.keys()) {
            compareAs.add(DataType.widen(join.left().schema().require(key.left(), "join").type(),
                    join.right().schema().require(key.right(), "join").type()));
        }
        PartitionRowsExec probeSink = new PartitionRowsExec(join.left().schema(),
                join.keys().stream().map(JoinKey::left).toList(), compareAs, choice.partitions(), JoinSide.PROBE);
        PartitionRowsExec buildSink = new PartitionRowsExec(join.right().schema(),
                join.keys().stream().map(JoinKey::right).toList(), compareAs, choice.partitions(), JoinSide.BUILD);
        PhysicalPlan probe = PhysicalPlanner.plan(join.left(), context, probeSink);
        if (!probe.driverOperators().isEmpty() || probe.write().isPresent()) {
            throw new PlanException("the engine cannot run an aggregate, sort, take or write on the left side of a"
                    + " join yet", "aggregate, sort or take after the join, or put that side on the right");
        }
        PhysicalPlan build = PhysicalPlanner.plan(join.right(), context, buildSink);
        HashJoinExec perPartition = new HashJoinExec(inputName, join.type(), join.keys(), probeSink.fileSchema(),
                join.right().schema(), joinedFile(join, probeSink.fileSchema()), choice.strategy());
        return new PartitionedJoin(inputName, probe, build, buildSink, perPartition, choice.partitions(),
                choice.arithmetic(), choice.tableBytes(), choice.workingSetBytes());
    }

    /** The operator above a partitioned join that reads its rows back in probe order. */
    static PartitionedJoinExec reader(LogicalJoin join, PartitionedJoin partitioned, Choice choice) {
        return new PartitionedJoinExec(partitioned.inputName(), choice.partitions(), join.type(), join.keys(),
                new Schema(List.of()), join.schema(), partitioned.join().output(), choice.strategy());
    }

    /** The join's output with the probe origin after the left columns: what each partition's file holds. */
    private static Schema joinedFile(LogicalJoin join, Schema probeFile) {
        List<Field> fields = new ArrayList<>(probeFile.fields());
        List<String> rightKeys = join.keys().stream().map(JoinKey::right).toList();
        for (Field field : join.right().schema().fields()) {
            if (!rightKeys.contains(field.name())) {
                fields.add(join.type() == JoinType.LEFT ? new Field(field.name(), field.type(), true) : field);
            }
        }
        return new Schema(fields);
    }
}
