package dev.shard.examples.tiny;

import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.task.Shards;

/** Runs W4 on a pool: one task per shard, so every task is dispatched on its own. */
public final class TinyTasksOnPool {
    private TinyTasksOnPool() {
    }

    /** One run and its wall-clock time around the map call alone. */
    public record Computation(Run<Long> run, double computeSeconds) {
        public double tasksPerSecond(long tasks) {
            return tasks / computeSeconds;
        }
    }

    public static Computation compute(Pool pool, TinyTasksBuffer buffer, long spinMicros, long leakKibPerTask) {
        buffer.clear();
        RunOptions options = RunOptions.none().withOutput(TinyTaskKernel.VALUES, buffer.reference());
        Shards shards = Shards.contiguous(buffer.tasks(), 1);
        TinyTaskKernel kernel = new TinyTaskKernel(spinMicros, leakKibPerTask);
        long start = System.nanoTime();
        Run<Long> run = pool.shardMap(shards, kernel, options);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Computation(run, seconds);
    }
}
