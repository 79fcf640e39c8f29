package dev.shard.bench;

import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import dev.shard.planner.exec.InProcessShardContext;
import dev.shard.planner.exec.StageKernel;
import dev.shard.planner.exec.StageResult;
import dev.shard.planner.exec.aggregate.FinalAggregator;
import dev.shard.planner.physical.DriverExec.FinalAggregateExec;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.runtime.protocol.ValueCodec;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * W2's partials end to end in this process, on one thread: the stage kernel shard by shard,
 * each result encoded as a worker sends it, then decoded and merged in block order as the
 * driver does. Prints thread CPU per round for each side, so a change to the partials'
 * encoding or the merge can be measured without the pool (at high load, CPU time is the
 * steadier figure). The encoding here goes into a growing array, not a result pack.
 *
 * <p>Usage: {@code MergeProfile [rounds] [rows]}
 */
public final class MergeProfile {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One round's CPU nanoseconds for each side, the encoded bytes, blocks and the groups merged. */
    record Round(long kernelNanos, long encodeNanos, long bytes, long decodeNanos, long mergeNanos, long blocks,
            int groups) {
    }

    private MergeProfile() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 20_000_000;
        int round = 0;
        for (Round r : run(rounds, rows)) {
            System.out.printf("round %d: kernel %.1f ms (%.2f ns/row), encode %.2f ms, %.2f MB, decode %.2f ms,"
                    + " merge %.2f ms, %d blocks, %d groups%n", round++, r.kernelNanos() / 1e6,
                    (double) r.kernelNanos() / rows, r.encodeNanos() / 1e6, r.bytes() / 1e6, r.decodeNanos() / 1e6,
                    r.mergeNanos() / 1e6, r.blocks(), r.groups());
        }
    }

    static List<Round> run(int rounds, long rows) {
        try (Session session = Shard.local().workers(1).open()) {
            PhysicalPlan plan = session.physicalPlan(EngineQueries.groupAggregate(
                    EngineQueries.groupAggregateSource(session, rows)).plan());
            FinalAggregateExec exec = (FinalAggregateExec) plan.driverOperators().getFirst();
            StageKernel kernel = new StageKernel(plan.stage().fragment());
            long shardRows = plan.stage().sizing().rowsPerShard();
            List<Round> measured = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                long kernelNanos = 0;
                long encodeNanos = 0;
                long bytes = 0;
                List<byte[]> encoded = new ArrayList<>();
                for (int id = 0; (long) id * shardRows < rows; id++) {
                    long first = id * shardRows;
                    var shard = new dev.shard.runtime.task.Shard(id, first, Math.min(rows, first + shardRows), 1,
                            null, 0, 0);
                    long start = THREADS.getCurrentThreadCpuTime();
                    StageResult result = kernel.run(new InProcessShardContext(shard, Map.of()));
                    long ran = THREADS.getCurrentThreadCpuTime();
                    byte[] value = ValueCodec.encode(result);
                    kernelNanos += ran - start;
                    encodeNanos += THREADS.getCurrentThreadCpuTime() - ran;
                    bytes += value.length;
                    encoded.add(value);
                }
                FinalAggregator aggregator = new FinalAggregator(exec.input(), exec.keys(), exec.aggregates(),
                        exec.output());
                long decodeNanos = 0;
                long mergeNanos = 0;
                long blocks = 0;
                for (byte[] value : encoded) {
                    long start = THREADS.getCurrentThreadCpuTime();
                    StageResult result = (StageResult) ValueCodec.decode(value);
                    long decoded = THREADS.getCurrentThreadCpuTime();
                    result.partials().forEach(aggregator::merge);
                    decodeNanos += decoded - start;
                    mergeNanos += THREADS.getCurrentThreadCpuTime() - decoded;
                    blocks += result.partials().blocks();
                }
                measured.add(new Round(kernelNanos, encodeNanos, bytes, decodeNanos, mergeNanos, blocks,
                        aggregator.finish().rows()));
            }
            return measured;
        }
    }
}
