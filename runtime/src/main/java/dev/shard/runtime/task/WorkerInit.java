package dev.shard.runtime.task;

/**
 * Runs once in every worker JVM after it connects, before its first task (warm caches,
 * load native libraries). Implementations need a public no-arg constructor; a hook that
 * throws makes the worker fail its start-up, and the pool reports why.
 */
public interface WorkerInit {
    void initialize(int workerId) throws Exception;
}
