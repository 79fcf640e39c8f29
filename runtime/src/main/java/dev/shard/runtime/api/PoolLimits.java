package dev.shard.runtime.api;

import dev.shard.runtime.supervise.SystemMemory;

/**
 * A pool's hard limit when the caller set none: each worker's share of the memory this
 * process may use ({@link SystemMemory}: the container's cgroup v2 limit, else the host's
 * MemTotal), with a share kept for the driver. Without it, a worker that runs away is
 * stopped by the kernel's OOM killer, which may pick the driver; with it, the pool kills
 * that worker and re-runs its shards.
 *
 * @param hardLimit the hard limit to use (0: none)
 * @param source where it came from, for the run report
 */
record PoolLimits(long hardLimit, String source) {
    /** The fraction of the memory the pool's processes may use together. */
    static final double USABLE_FRACTION = 0.9;

    static PoolLimits of(long memoryLimit, long hardLimit, int workers, SystemMemory memory) {
        if (hardLimit > 0) {
            return new PoolLimits(hardLimit, "set");
        }
        if (memory.bytes() <= 0) {
            return new PoolLimits(0, "none: " + memory.source());
        }
        long share = workerShare(memory.bytes(), workers);
        long derived = Math.max(share, memoryLimit);
        // Built without a Formatter: this runs before the first spawn, and a fresh JVM's first
        // Formatter of a number loads the locale data (CLDR resource bundles, ~10 ms).
        String source = new StringBuilder("hardLimit derived: ").append(Math.round(USABLE_FRACTION * 100))
                .append("% of ").append(memory.bytes()).append(" bytes from ").append(memory.source())
                .append(", shared by ").append(workers).append(" workers and the driver").toString();
        return new PoolLimits(derived, source);
    }

    /** One worker's share of what the pool's processes may use together; the driver counts as one more process. */
    static long workerShare(long systemBytes, int workers) {
        return (long) (systemBytes * USABLE_FRACTION / (Math.max(1, workers) + 1));
    }
}
