package dev.shard.runtime.task;

import java.io.Serializable;

/**
 * A named task function run once per shard inside a worker. Kernel classes have a
 * public no-arg constructor or are serializable lambdas/records; the instance is sent
 * once per worker per run, never per task.
 *
 * <p>A worker may keep the instance for its next run when that run is identical (the same
 * serialized kernel, shards, references and seed) and none of the data the worker has
 * opened was released or replaced since. Transient fields that cache what the context
 * gives (views of inputs, values derived from them) stay valid then; state that must
 * start afresh every run (counters) does not belong in the kernel.
 *
 * <p>A kernel class that is not a record should declare its {@code serialVersionUID}:
 * without one, the driver and every worker compute the default by hashing the class with
 * SHA-1 on first use, which sets up the JDK's security providers, 30-150 ms of a fresh
 * JVM's first run (records and lambdas need none).
 *
 * @param <R> the small per-shard result sent back to the driver (big data goes to output buffers)
 */
@FunctionalInterface
public interface ShardKernel<R extends Serializable> extends Serializable {
    R run(ShardContext context) throws Exception;
}
