package dev.shard.planner.physical;

import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.type.Schema;
import dev.shard.runtime.tune.HumanUnits;
import java.io.Serializable;

/**
 * Where a hash aggregation's block partials are merged, and why. The driver merges them
 * when they are few; when the estimated partials (one row per group and block, see
 * GroupEstimate and StageSizing#aggregateBlockRows) exceed what the driver may gather —
 * {@value #DRIVER_PARTIAL_MIB} MiB, or half of one worker's share of a memory budget when
 * that is less, the same yardstick as a broadcast join's build side — the partial stage
 * splits them by key hash into P partitions and a merge stage folds partition p in the
 * workers, one shard per partition.
 * P is the smallest count whose merge state fits that same limit, at least one per
 * worker. Both merges fold each group's partials in block order and give the same bytes.
 *
 * @param partitions      0: merged on the driver
 * @param estimatedGroups at most this many groups (see GroupEstimate)
 * @param partialBytes    the estimated partials the driver would gather
 * @param limitBytes      what the driver may gather
 * @param reason          the choice with its arithmetic in human units, as explain prints it
 */
public record AggregateMerge(int partitions, long estimatedGroups, long partialBytes, long limitBytes,
        String reason) implements Serializable {
    /** The most partials the driver gathers when no budget says less. */
    public static final int DRIVER_PARTIAL_MIB = 64;
    static final long DRIVER_PARTIAL_BYTES = (long) DRIVER_PARTIAL_MIB << 20;
    /** Each partial shard file carries a section per partition; beyond this they are mostly headers. */
    static final int MAX_PARTITIONS = 1024;
    /** A group in the merge's hash table on a worker's heap: slot, chain and the key's copy. */
    static final long HASH_BYTES_PER_GROUP = 16;

    public boolean partitioned() {
        return partitions > 0;
    }

    public String strategy() {
        return partitioned() ? "partitioned" : "driver";
    }

    /** The driver merge of a plan built by hand, with no estimate behind it. */
    public static AggregateMerge onDriver() {
        return new AggregateMerge(0, -1, -1, DRIVER_PARTIAL_BYTES, "driver: chosen by the caller");
    }

    /** A partitioned merge into {@code partitions} chosen by the caller (tests, pinned plans). */
    public static AggregateMerge pinned(int partitions) {
        return new AggregateMerge(partitions, -1, -1, DRIVER_PARTIAL_BYTES,
                "partitioned: " + partitions + " partitions pinned by the caller");
    }

    static AggregateMerge choose(LogicalAggregate aggregate, long rows, PlanningContext context) {
        return choose(aggregate, rows, StageSizing.BLOCK_ROWS, context);
    }

    /** @param blockRows the partial stage's block (see StageSizing#aggregateBlockRows) */
    static AggregateMerge choose(LogicalAggregate aggregate, long rows, long blockRows, PlanningContext context) {
        GroupEstimate.Estimate groups = GroupEstimate.of(aggregate, rows);
        Schema input = aggregate.input().schema();
        long rowBytes = partialRowBytes(aggregate, input);
        long partialRows = partialRows(rows, groups.groups(), blockRows);
        long distinctBytes = distinctValueBytes(aggregate, input, rows, partialRows);
        long partialBytes = saturatedAdd(saturatedMultiply(partialRows, rowBytes), distinctBytes);
        String partials = "partials ≈ " + HumanUnits.count(partialRows) + " rows × " + rowBytes + " B"
                + (distinctBytes > 0 ? " + " + HumanUnits.bytes(distinctBytes) + " distinct values" : "")
                + " = " + HumanUnits.bytes(partialBytes);
        String groupText = "groups ≤ " + HumanUnits.count(groups.groups()) + " (" + groups.reason() + ")";
        long limit = DRIVER_PARTIAL_BYTES;
        String limitText = HumanUnits.bytes(limit) + " the driver may gather";
        int workers = context.workers();
        if (context.memoryBudgetBytes() > 0) {
            long base = (long) workers * context.machine().workerBasePrivateBytes();
            long share = Math.max(0, (context.memoryBudgetBytes() - context.sharedBytes() - base) / workers);
            limit = Math.min(limit, share / 2);
            limitText = HumanUnits.bytes(limit) + " the driver may gather (min(" + DRIVER_PARTIAL_MIB + " MiB, ½ × "
                    + HumanUnits.bytes(share) + " worker share))";
        }
        if (aggregate.keys().isEmpty() || partialBytes <= limit) {
            return new AggregateMerge(0, groups.groups(), partialBytes, limit, "driver: " + partials + " ≤ "
                    + limitText + "; " + groupText);
        }
        long stateBytes = saturatedMultiply(groups.groups(), rowBytes + HASH_BYTES_PER_GROUP);
        stateBytes = saturatedAdd(stateBytes, distinctBytes);
        long needed = Math.ceilDiv(stateBytes, Math.max(1, limit));
        int partitions = (int) Math.min(MAX_PARTITIONS, Math.max(needed, workers));
        String reason = "partitioned: " + partials + " > " + limitText + "; " + groupText + "; partitions "
                + partitions + " ← ⌈merge state ≈ " + HumanUnits.bytes(stateBytes) + " / " + HumanUnits.bytes(limit)
                + "⌉ = " + needed + (needed < workers ? ", raised to one per worker (" + workers + ")"
                        : needed > MAX_PARTITIONS ? ", capped at " + MAX_PARTITIONS : "");
        return new AggregateMerge(partitions, groups.groups(), partialBytes, limit, reason);
    }

    /** One partial row per group and 65,536-row block: min(block rows, groups) per block. */
    static long partialRows(long rows, long groups) {
        return partialRows(rows, groups, StageSizing.BLOCK_ROWS);
    }

    /** One partial row per group and block of {@code blockRows}: min(block rows, groups) per block. */
    static long partialRows(long rows, long groups, long blockRows) {
        long fullBlocks = rows / blockRows;
        long rest = rows % blockRows;
        return saturatedAdd(saturatedMultiply(fullBlocks, Math.min(blockRows, groups)), Math.min(rest, groups));
    }

    /** A partial row: its keys and each aggregate's state columns (count_distinct's values apart). */
    private static long partialRowBytes(LogicalAggregate aggregate, Schema input) {
        long bytes = 0;
        for (String key : aggregate.keys()) {
            bytes += Schema.of(input.require(key, "group")).estimatedBytesPerRow();
        }
        for (AggregateCall call : aggregate.aggregates()) {
            bytes += switch (call.function()) {
                case COUNT, MIN, MAX, FIRST, LAST, COUNT_DISTINCT -> 8;
                case SUM, MEAN -> 16;
                case VAR, SD -> 24;
            };
        }
        return Math.max(1, bytes);
    }

    /** count_distinct's values: per block at most one per row, and at most the values' own bound per group. */
    private static long distinctValueBytes(LogicalAggregate aggregate, Schema input, long rows, long partialRows) {
        long bytes = 0;
        for (AggregateCall call : aggregate.aggregates()) {
            if (call.function() != AggregateFunction.COUNT_DISTINCT || call.argument() == null) {
                continue;
            }
            long values = rows;
            if (call.argument() instanceof dev.shard.planner.expr.Column column) {
                java.util.OptionalLong bound = GroupEstimate.distinctValues(column.name(), aggregate.input());
                if (bound.isPresent()) {
                    values = Math.min(rows, saturatedMultiply(partialRows, bound.getAsLong()));
                }
            }
            long width = call.argument().type(input) == dev.shard.planner.type.DataType.STRING ? 20 : 8;
            bytes = saturatedAdd(bytes, saturatedMultiply(values, width));
        }
        return bytes;
    }

    private static long saturatedMultiply(long a, long b) {
        return Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
