package dev.shard.bench;

import dev.shard.examples.tiny.TinyTasksBuffer;
import dev.shard.examples.tiny.TinyTasksOnPool;
import dev.shard.examples.workload.TinyTasksWorkload;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Pool start-up, tiny-task throughput and per-call round trip, with 2 workers. */
final class PoolBenchmarks {
    private PoolBenchmarks() {
    }

    /** Milliseconds from {@code start()} to every worker started and connected (default options). */
    static Samples poolStart(int workers, int runs) throws Exception {
        return Measure.repeat("pool start, " + workers + " workers", "ms", runs, () -> {
            long start = System.nanoTime();
            Pool pool = Pool.builder().workers(workers).start();
            double millis = Measure.millisSince(start);
            pool.close();
            return millis;
        });
    }

    /**
     * The same with the workers' JDK AOT cache. The file is removed first and recorded by
     * a training start; empty when the runtime did not record it (then there is nothing
     * to measure, and saying "AOT" would be false).
     */
    static Optional<Samples> poolStartWithAotCache(int workers, int runs, Path cache) throws Exception {
        Files.deleteIfExists(cache);
        Pool.builder().workers(workers).aotCache(cache).start().close();
        if (!Files.isRegularFile(cache)) {
            System.err.println("bench: the worker AOT cache " + cache + " was not recorded; skipping its start-up row");
            return Optional.empty();
        }
        return Optional.of(Measure.repeat("pool start, " + workers + " workers, AOT cache", "ms", runs, () -> {
            long start = System.nanoTime();
            Pool pool = Pool.builder().workers(workers).aotCache(cache).start();
            double millis = Measure.millisSince(start);
            pool.close();
            return millis;
        }));
    }

    /** Tasks per second for {@code tasks} one-item tasks on a warm pool; every run is checked. */
    static Samples tinyTaskThroughput(Pool pool, long tasks, int runs) throws Exception {
        try (TinyTasksBuffer buffer = TinyTasksBuffer.create(tasks)) {
            long expected = TinyTasksWorkload.referenceChecksum(tasks);
            return Measure.repeat(String.format("tiny tasks, %,d tasks, 2 workers", tasks), "tasks/s", runs, () -> {
                // Timed until the results are decoded too: a caller reads them, and the decoding
                // is lazy (Run.results()), so timing shardMap alone would leave it out.
                long start = System.nanoTime();
                TinyTasksOnPool.Computation computation = TinyTasksOnPool.compute(pool, buffer, 0, 0);
                long returned = sum(computation.run());
                double seconds = (System.nanoTime() - start) / 1e9;
                Measure.require(computation.run().succeeded(), "tiny-task run failed: " + computation.run().failures());
                Measure.require(buffer.firstMissingTask() < 0, "a tiny task did not write its slot");
                Measure.require(buffer.checksum() == expected, "wrong checksum in the buffer");
                Measure.require(returned == expected, "the tasks returned " + returned + ", expected " + expected);
                return tasks / seconds;
            });
        }
    }

    /**
     * Microseconds per {@code shardMap} call of one task, on a warm pool, until its result is
     * decoded and checked against the reference (returned and written): each run is the median
     * of {@code calls} calls. Also returns the 99th percentile of all calls.
     */
    static List<Samples> roundTrip(Pool pool, int calls, int runs) throws Exception {
        double[] all = new double[calls * runs];
        int[] filled = {0};
        try (TinyTasksBuffer buffer = TinyTasksBuffer.create(1)) {
            long expected = TinyTasksWorkload.referenceChecksum(1);
            boolean[] warm = {false};
            Samples medians = Measure.repeat("round trip, 1 task per shardMap call", "µs", runs, () -> {
                double[] latencies = new double[calls];
                for (int i = 0; i < calls; i++) {
                    long start = System.nanoTime();
                    TinyTasksOnPool.Computation computation = TinyTasksOnPool.compute(pool, buffer, 0, 0);
                    long returned = sum(computation.run());
                    latencies[i] = (System.nanoTime() - start) / 1e3;
                    Measure.require(computation.run().succeeded(), "one-task run failed");
                    Measure.require(returned == expected && buffer.checksum() == expected,
                            "the one task returned " + returned + " and wrote " + buffer.checksum() + ", expected "
                                    + expected);
                }
                if (warm[0]) {
                    System.arraycopy(latencies, 0, all, filled[0], calls);
                    filled[0] += calls;
                }
                warm[0] = true;
                return new Samples("calls", "µs", latencies).median();
            });
            Samples tail = new Samples("round trip p99 over all calls", "µs",
                    new double[] {new Samples("all", "µs", Arrays.copyOf(all, filled[0])).quantile(0.99)});
            return List.of(medians, tail);
        }
    }

    /** The tasks' returned values summed: decodes every result, as a caller reading them would. */
    private static long sum(Run<Long> run) {
        long sum = 0;
        for (long value : run.results()) {
            sum += value;
        }
        return sum;
    }
}
