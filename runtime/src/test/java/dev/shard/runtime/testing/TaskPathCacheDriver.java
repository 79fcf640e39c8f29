package dev.shard.runtime.testing;

import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.task.PoolStatus;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardKernel;
import dev.shard.runtime.task.Shards;
import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;
import java.io.Serial;
import java.lang.foreign.ValueLayout;
import java.time.Duration;

/**
 * A driver in its own JVM (run with a jar classpath): its first pool records the workers'
 * AOT cache while it runs tasks that write into a shared buffer, as a build's first command
 * does; its second pool starts from that cache and runs one such run. Prints, per pool, how
 * the workers used the cache, their pids and the run's sum; then waits for every process it
 * started (the cache's assembler too).
 */
public final class TaskPathCacheDriver {
    static final String VALUES = "values";
    private static final int TASKS = 256;
    private static final int RECORDING_RUNS = 3;

    private TaskPathCacheDriver() {
    }

    public static void main(String[] arguments) throws InterruptedException {
        for (int index = 1; index <= 2; index++) {
            try (Pool pool = Pool.builder().workers(2).start();
                    OutputBuffer values = OutputBuffer.create(BufferSpec.vector(ElementType.LONG, TASKS))) {
                long sum = 0;
                for (int run = 0; run < (index == 1 ? RECORDING_RUNS : 1); run++) {
                    sum = pool.shardMap(Shards.contiguous(TASKS, 1), new DoublingKernel(2),
                            RunOptions.none().withOutput(VALUES, values.reference())).results().stream()
                            .mapToLong(Long::longValue).sum();
                }
                PoolStatus status = pool.status();
                System.out.println("pool " + index + " cache: " + status.workers().stream()
                        .map(PoolStatus.WorkerStatus::startupCache).sorted().toList() + " sum " + sum);
                System.out.println("pool " + index + " pids: " + status.workers().stream()
                        .map(worker -> Long.toString(worker.pid())).toList());
            }
        }
        CacheDriverRun.awaitChildren(Duration.ofSeconds(90));
        System.out.println("done");
    }

    /** Writes {@code factor * i} into slot i of the output and returns it: a tiny task. */
    record DoublingKernel(long factor) implements ShardKernel<Long> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Long run(ShardContext context) {
            long item = context.shard().start();
            long value = factor * item;
            context.output(VALUES, OutputBuffer.class).data().setAtIndex(ValueLayout.JAVA_LONG, item, value);
            return value;
        }
    }
}
