package dev.shard.runtime.testing;

import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.task.Shards;
import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;

/**
 * Prints the throughput of tiny tasks on a warm pool: {@code shards} shards of one item,
 * each writing one double into a shared output buffer. Arguments: shards, workers, rounds.
 */
public final class TinyTaskMeasurement {
    private TinyTaskMeasurement() {
    }

    public static void main(String[] arguments) {
        int shards = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 1_000_000;
        int workers = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 2;
        int rounds = arguments.length > 2 ? Integer.parseInt(arguments[2]) : 5;
        try (Pool pool = Pool.builder().workers(workers).start();
                OutputBuffer output = OutputBuffer.create(BufferSpec.vector(ElementType.DOUBLE, shards))) {
            RunOptions options = RunOptions.none().withOutput("y", output.reference());
            double best = 0;
            for (int round = 0; round < rounds; round++) {
                long started = System.nanoTime();
                Run<Integer> run = pool.shardMap(Shards.contiguous(shards, 1), context -> {
                    OutputBuffer y = context.output("y", OutputBuffer.class);
                    long item = context.shard().start();
                    y.setDouble(item, item * 0.5);
                    return 0;
                }, options);
                run.results();
                double perSecond = shards / ((System.nanoTime() - started) / 1e9);
                best = Math.max(best, perSecond);
                System.out.printf("round %d: %.2f M tasks/s%n", round, perSecond / 1e6);
            }
            System.out.printf("best %.2f M tasks/s (%d tiny tasks, %d workers)%n", best / 1e6, shards, workers);
        }
    }
}
