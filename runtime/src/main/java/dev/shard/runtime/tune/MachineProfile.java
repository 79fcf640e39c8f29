package dev.shard.runtime.tune;

/**
 * What the tuner needs to know of the machine: how many worker JVMs run shards, what one
 * costs in private memory before it does any work, and what dispatching one shard costs.
 * Golden tests pin a profile so that plans do not depend on the machine that runs them.
 */
public record MachineProfile(int workers, long workerBasePrivateBytes, long dispatchOverheadNanos) {
    /**
     * A warm worker's private memory (RssAnon) before its first shard's data: 53.6 and
     * 56.1 MiB measured on the reference machine (2 workers, {@code bin/shard example colcor
     * --rows 2000 --cols 200 --report-json}, {@code baselinePrivateBytes}, 2026-12-01),
     * rounded up. Pools measure the real figure at start; this is the default before one runs.
     */
    public static final long MEASURED_WORKER_BASE_PRIVATE_BYTES = 56L << 20;

    /**
     * One shard's dispatch: the median one-task {@code shardMap} round trip of
     * bench/README.md (92 µs, warm pool, 2 workers). Batched claims make a shard cheaper
     * than that, so the overhead floor derived from it errs towards larger shards.
     */
    public static final long MEASURED_DISPATCH_OVERHEAD_NANOS = 92_000;

    public MachineProfile {
        if (workers <= 0) {
            throw new IllegalArgumentException("workers must be positive, got " + workers);
        }
        if (workerBasePrivateBytes < 0 || dispatchOverheadNanos < 0) {
            throw new IllegalArgumentException("a worker's base memory and dispatch overhead must not be negative, got "
                    + workerBasePrivateBytes + " and " + dispatchOverheadNanos);
        }
    }

    /** One worker per available processor, with the measured base and dispatch overhead. */
    public static MachineProfile ofThisMachine() {
        return withWorkers(Runtime.getRuntime().availableProcessors());
    }

    /** {@code workers} workers with the measured base and dispatch overhead. */
    public static MachineProfile withWorkers(int workers) {
        return new MachineProfile(workers, MEASURED_WORKER_BASE_PRIVATE_BYTES, MEASURED_DISPATCH_OVERHEAD_NANOS);
    }
}
