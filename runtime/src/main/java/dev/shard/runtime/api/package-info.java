/**
 * The public runtime API, the top layer: {@link dev.shard.runtime.api.Pool} of supervised
 * workers, runs ({@link dev.shard.runtime.api.Run}, {@link dev.shard.runtime.api.ReduceRun}),
 * their options and failures. The kernels, shard layouts and contexts it takes are the
 * shared contract in {@code dev.shard.runtime.task}.
 */
package dev.shard.runtime.api;
