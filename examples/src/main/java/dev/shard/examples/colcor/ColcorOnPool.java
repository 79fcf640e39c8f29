package dev.shard.examples.colcor;

import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.task.Shards;

/** Runs W1 on a pool over data already in shared memory; the benchmarks reuse it with a warm pool. */
public final class ColcorOnPool {
    private ColcorOnPool() {
    }

    /** One computation and its wall-clock time, measured around the map call alone. */
    public record Computation(Run<Integer> run, double computeSeconds) {
    }

    public static RunOptions runOptions(ColumnCorrelationData data) {
        return RunOptions.none()
                .withInput(ColumnShardKernel.MATRIX, data.matrixReference())
                .withInput(ColumnShardKernel.Y, data.yReference())
                .withOutput(ColumnShardKernel.CORRELATIONS, data.correlationReference());
    }

    /** Column shards sized by the runtime for the pool's worker count. */
    public static Shards shards(ColumnCorrelationData data, int workers) {
        return Shards.auto(data.columns(), workers);
    }

    /** Zeroes r, then computes every r[j] on the pool into the shared output buffer. */
    public static Computation compute(Pool pool, ColumnCorrelationData data, int workers) {
        data.clearCorrelations();
        ColumnShardKernel kernel = new ColumnShardKernel(data.rows(), data.columns());
        RunOptions options = runOptions(data);
        Shards shards = shards(data, workers);
        long start = System.nanoTime();
        Run<Integer> run = pool.shardMap(shards, kernel, options);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Computation(run, seconds);
    }
}
