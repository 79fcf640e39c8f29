package dev.shard.bench;

import dev.shard.dsl.api.Dataset;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import dev.shard.planner.exec.StageKernel;
import dev.shard.planner.exec.StageResult;
import dev.shard.planner.physical.Stage;
import dev.shard.runtime.protocol.PackedOutcomes;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The W2 or W3 stage kernel run in this process on one thread, shard after shard, so the
 * worker side can be timed and profiled (JFR, {@code -XX:StartFlightRecording}) without the
 * pool, the socket or the driver's merge. Prints the time per round and per row; compare
 * with the 1-thread Java loop of {@code bench/engine.sh}. Inputs are generated from the row
 * index, as in the benchmark's "generated in workers" rows. {@code scan} runs the scan
 * benchmark's query (filter m < 900, per k count and sum x, y, z) over an Arrow file of
 * {@code rows} rows written to {@code SHARD_PROFILE_DIR} (default /dev/shm) and deleted after,
 * and prints the engine's kernel against a 1-thread sequential read of the same mapping.
 *
 * <p>Usage: {@code StageProfile [w2|w3|w2,w3|scan] [rounds] [rows]}
 */
public final class StageProfile {
    /** CPU time as well as wall time: on a loaded machine the thread's CPU time is the steadier figure. */
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private StageProfile() {
    }

    /**
     * One round over every shard: wall and thread CPU time, the block partials made, and the
     * bytes the thread allocated, the encoding of each shard's result included (into a
     * result pack, as a worker encodes it before sending).
     */
    record Round(long wallNanos, long cpuNanos, long partials, long allocatedBytes) {
    }

    public static void main(String[] args) throws Exception {
        String workload = args.length > 0 ? args[0] : "w2";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long rows = args.length > 2 ? Long.parseLong(args[2]) : 20_000_000;
        if (workload.equals("scan")) {
            ScanProfile.run(rounds, rows);
            return;
        }
        // "w2,w3": the stages alternate round by round in one JVM, as a worker of bench/engine.sh
        // runs them, so the shared loops see both shapes.
        List<String> workloads = List.of(workload.split(","));
        for (int round = 0; round < rounds; round++) {
            for (String name : workloads) {
                Round r = run(name, 1, rows).getFirst();
                System.out.printf("round %d %s: %.1f ms wall, %.2f ns/row wall, %.2f ns/row CPU, %d block partials,"
                        + " %.1f MiB allocated%n", round, name, r.wallNanos() / 1e6, (double) r.wallNanos() / rows,
                        (double) r.cpuNanos() / rows, r.partials(), r.allocatedBytes() / 1048576.0);
            }
        }
    }

    /** Plans {@code workload} on a one-worker session, then runs its stage kernel here, {@code rounds} times. */
    static List<Round> run(String workload, int rounds, long rows) {
        try (Session session = Shard.local().workers(1).open()) {
            Dataset query = switch (workload) {
                case "w2" -> EngineQueries.groupAggregate(EngineQueries.groupAggregateSource(session, rows));
                case "w3" -> EngineQueries.filterDerive(EngineQueries.filterDeriveSource(session, rows));
                default -> throw new IllegalArgumentException("workload must be w2 or w3, got '" + workload + "'");
            };
            return rounds(session.physicalPlan(query.plan()).stage(), Map.of(), rounds, rows);
        }
    }

    /** Runs {@code stage}'s kernel over every shard of {@code rows}, {@code rounds} times, with {@code inputs} open here. */
    static List<Round> rounds(Stage stage, Map<String, Object> inputs, int rounds, long rows) {
        StageKernel kernel = new StageKernel(stage.fragment());
        long shardRows = stage.sizing().rowsPerShard();
        List<Round> measured = new ArrayList<>();
        PackedOutcomes.Builder pack = new PackedOutcomes.Builder(0, 1);
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long allocatedStart = THREADS.getCurrentThreadAllocatedBytes();
            long partials = 0;
            for (int id = 0; (long) id * shardRows < rows; id++) {
                long first = id * shardRows;
                var shard = new dev.shard.runtime.task.Shard(id, first, Math.min(rows, first + shardRows), 1,
                        null, 0, 0);
                StageResult result = kernel.run(new LocalShardContext(shard, inputs));
                partials += result.partials().blocks();
                pack.reset(id, 1);
                pack.append(result);
                pack.commit(0);
                pack.build();
            }
            measured.add(new Round(System.nanoTime() - start, THREADS.getCurrentThreadCpuTime() - cpuStart,
                    partials, THREADS.getCurrentThreadAllocatedBytes() - allocatedStart));
        }
        return measured;
    }
}
