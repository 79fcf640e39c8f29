package dev.shard.runtime.api;

import java.io.Serializable;

/**
 * A named task function run once per shard inside a worker. Kernel classes have a
 * public no-arg constructor or are serializable lambdas/records; the instance is sent
 * once per worker per run, never per task.
 *
 * @param <R> the small per-shard result sent back to the driver (big data goes to output buffers)
 */
@FunctionalInterface
public interface ShardKernel<R extends Serializable> extends Serializable {
    R run(ShardContext context) throws Exception;
}
