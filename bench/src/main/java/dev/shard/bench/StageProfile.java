package dev.shard.bench;

import dev.shard.dsl.api.Dataset;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import dev.shard.planner.exec.StageKernel;
import dev.shard.planner.exec.StageResult;
import dev.shard.planner.physical.Stage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The W2 or W3 stage kernel run in this process on one thread, shard after shard, so the
 * worker side can be timed and profiled (JFR, {@code -XX:StartFlightRecording}) without the
 * pool, the socket or the driver's merge. Prints the time per round and per row; compare
 * with the 1-thread Java loop of {@code bench/engine.sh}. Inputs are generated from the row
 * index, as in the benchmark's "generated in workers" rows.
 *
 * <p>Usage: {@code StageProfile [w2|w3] [rounds] [rows]}
 */
public final class StageProfile {
    /** CPU time as well as wall time: on a loaded machine the thread's CPU time is the steadier figure. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private StageProfile() {
    }

    /** One round over every shard: wall and thread CPU time, and the block partials made. */
    record Round(long wallNanos, long cpuNanos, long partials) {
    }

    public static void main(String[] args) {
        String workload = args.length > 0 ? args[0] : "w2";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long rows = args.length > 2 ? Long.parseLong(args[2]) : 20_000_000;
        List<Round> measured = run(workload, rounds, rows);
        for (int round = 0; round < measured.size(); round++) {
            Round r = measured.get(round);
            System.out.printf("round %d: %.1f ms wall, %.2f ns/row wall, %.2f ns/row CPU, %d block partials%n",
                    round, r.wallNanos() / 1e6, (double) r.wallNanos() / rows, (double) r.cpuNanos() / rows,
                    r.partials());
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
            Stage stage = session.physicalPlan(query.plan()).stage();
            StageKernel kernel = new StageKernel(stage.fragment());
            long shardRows = stage.sizing().rowsPerShard();
            List<Round> measured = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long partials = 0;
                for (int id = 0; (long) id * shardRows < rows; id++) {
                    long first = id * shardRows;
                    var shard = new dev.shard.runtime.task.Shard(id, first, Math.min(rows, first + shardRows), 1,
                            null, 0, 0);
                    StageResult result = kernel.run(new LocalShardContext(shard, Map.of()));
                    partials += result.partials().size();
                }
                measured.add(new Round(System.nanoTime() - start, THREADS.getCurrentThreadCpuTime() - cpuStart,
                        partials));
            }
            return measured;
        }
    }
}
