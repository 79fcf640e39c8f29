/**
 * The public runtime API: {@link dev.shard.runtime.api.Pool} of supervised workers,
 * {@link dev.shard.runtime.api.Shards} layouts, {@link dev.shard.runtime.api.ShardKernel}
 * task functions and their {@link dev.shard.runtime.api.ShardContext}, runs and failures.
 */
package dev.shard.runtime.api;
