package dev.shard.runtime.driver;

import dev.shard.runtime.task.WorkerInit;
import java.time.Duration;
import java.util.List;

/**
 * A pool's configuration, validated once when the pool starts.
 *
 * @param memoryLimit private bytes above which a worker is recycled at its next task boundary (0: none)
 * @param hardLimit private bytes above which a worker is killed at once (0: none)
 * @param driftThreshold recycle when private memory exceeds baseline × (1 + this) (0: none)
 * @param maxTasksPerWorker recycle after this many tasks (0: no limit)
 * @param taskTimeout a task running longer ends its worker and is retried (zero: none)
 * @param workerJvmOptions extra JVM options for worker processes
 * @param aotCache the workers' JDK AOT cache file (null: the default one per JDK, classpath and options)
 * @param limitsSource where the limits came from, as the report prints it ("set" when given by the caller,
 *     else the memory figure a default was derived from)
 * @param workerMaxHeap the workers' maximum heap (-Xmx) unless their options set one (0: the JVM's default)
 * @param workerMaxHeapSource where that bound came from, for the error when a worker runs out of heap
 */
public record PoolContext(int workers, long memoryLimit, long hardLimit, double driftThreshold,
        long maxTasksPerWorker, Duration taskTimeout, int maxRetries, Class<? extends WorkerInit> initHook,
        List<String> workerJvmOptions, Duration startTimeout, java.nio.file.Path aotCache, String limitsSource,
        long workerMaxHeap, String workerMaxHeapSource) {

    public PoolContext(int workers, long memoryLimit, long hardLimit, double driftThreshold,
            long maxTasksPerWorker, Duration taskTimeout, int maxRetries, Class<? extends WorkerInit> initHook,
            List<String> workerJvmOptions, Duration startTimeout, java.nio.file.Path aotCache, String limitsSource) {
        this(workers, memoryLimit, hardLimit, driftThreshold, maxTasksPerWorker, taskTimeout, maxRetries, initHook,
                workerJvmOptions, startTimeout, aotCache, limitsSource, 0, "");
    }

    public PoolContext(int workers, long memoryLimit, long hardLimit, double driftThreshold,
            long maxTasksPerWorker, Duration taskTimeout, int maxRetries, Class<? extends WorkerInit> initHook,
            List<String> workerJvmOptions, Duration startTimeout, java.nio.file.Path aotCache) {
        this(workers, memoryLimit, hardLimit, driftThreshold, maxTasksPerWorker, taskTimeout, maxRetries, initHook,
                workerJvmOptions, startTimeout, aotCache, "set");
    }

    public PoolContext {
        require(workers > 0, "workers must be at least 1, got " + workers);
        require(memoryLimit >= 0, "memoryLimit must not be negative, got " + memoryLimit);
        require(hardLimit >= 0, "hardLimit must not be negative, got " + hardLimit);
        require(hardLimit == 0 || memoryLimit == 0 || hardLimit >= memoryLimit,
                "hardLimit (" + hardLimit + " bytes) must be at least memoryLimit (" + memoryLimit
                        + " bytes): the hard limit kills at once, the memory limit recycles gently first");
        require(driftThreshold >= 0 && Double.isFinite(driftThreshold),
                "driftThreshold must be a fraction >= 0 (0.5 = 50% above baseline), got " + driftThreshold);
        require(maxTasksPerWorker >= 0, "maxTasksPerWorker must not be negative, got " + maxTasksPerWorker);
        require(!taskTimeout.isNegative(), "taskTimeout must not be negative, got " + taskTimeout);
        require(maxRetries >= 0, "maxRetries must not be negative, got " + maxRetries);
        require(workerMaxHeap >= 0, "workerMaxHeap must not be negative, got " + workerMaxHeap);
        workerMaxHeapSource = workerMaxHeapSource == null ? "" : workerMaxHeapSource;
        workerJvmOptions = List.copyOf(workerJvmOptions);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("invalid pool configuration: " + message);
        }
    }
}
