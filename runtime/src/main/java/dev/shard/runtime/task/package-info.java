/**
 * The contract that the driver, the workers and planners share, at the bottom of the runtime:
 * shard layouts ({@link dev.shard.runtime.task.Shards}, {@link dev.shard.runtime.task.Shard}),
 * kernels and what they see ({@link dev.shard.runtime.task.ShardKernel},
 * {@link dev.shard.runtime.task.ShardContext}, {@link dev.shard.runtime.task.ShardRandom}),
 * the per-run {@link dev.shard.runtime.task.RunDescriptor}, and the records a pool reports
 * ({@link dev.shard.runtime.task.ShardFailure}, {@link dev.shard.runtime.task.PoolStatus}).
 * It depends on no other runtime package: {@code api → driver → worker, protocol, report,
 * supervise, exec → task}.
 */
package dev.shard.runtime.task;
