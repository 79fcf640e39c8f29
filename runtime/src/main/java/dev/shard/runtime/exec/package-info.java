/**
 * Kernels the pool builds for its convenience calls (apply over a matrix, lapply over a list,
 * map over items); they run inside a worker and depend only on {@code dev.shard.runtime.task}.
 */
package dev.shard.runtime.exec;
