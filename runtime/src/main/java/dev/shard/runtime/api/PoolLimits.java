package dev.shard.runtime.api;

import dev.shard.runtime.supervise.SystemMemory;
import java.util.Locale;

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
        return new PoolLimits(derived, String.format(Locale.ROOT, "hardLimit derived: %.0f%% of %d bytes from %s,"
                + " shared by %d workers and the driver", USABLE_FRACTION * 100, memory.bytes(), memory.source(),
                workers));
    }

    /** One worker's share of what the pool's processes may use together; the driver counts as one more process. */
    static long workerShare(long systemBytes, int workers) {
        return (long) (systemBytes * USABLE_FRACTION / (Math.max(1, workers) + 1));
    }
}
