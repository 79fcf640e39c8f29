package dev.shard.runtime.report;

import java.util.List;

/**
 * What happened in one run: status, timings, shards, per-worker memory (sampled peaks,
 * private memory apart from shared pages), recycles, deaths, copies out of shared
 * memory, shard times, failures and advice. {@link #toJson()} is the stable machine form
 * (schemaVersion {@value #SCHEMA_VERSION}); {@link #renderText()} the human one.
 *
 * @param sharedBytes the most shared-memory pages any one worker mapped during the run,
 *     above what it had mapped before (shared pages are not private memory)
 * @param peakSimultaneousPrivateBytes the largest sum of every worker's private memory read in
 *     one sampling round (the pool samples all workers together every 100 ms, and once more
 *     at the run's end): what the workers held together at one moment. The sum of the
 *     workers' own peaks over-counts, as they peak at different times. -1 when no round was read
 */
public record RunReport(int schemaVersion, String status, Timings timings, ShardCounts shards,
        List<WorkerReport> workers, List<RecycleEvent> recycles, List<DeathEvent> deaths, Copies copies,
        long sharedBytes, ShardTimes shardTimes, List<FailureReport> failures, List<String> recommendations,
        Limits limits, long peakSimultaneousPrivateBytes) {

    public static final int SCHEMA_VERSION = 1;

    public RunReport(int schemaVersion, String status, Timings timings, ShardCounts shards,
            List<WorkerReport> workers, List<RecycleEvent> recycles, List<DeathEvent> deaths, Copies copies,
            long sharedBytes, ShardTimes shardTimes, List<FailureReport> failures, List<String> recommendations,
            Limits limits) {
        this(schemaVersion, status, timings, shards, workers, recycles, deaths, copies, sharedBytes, shardTimes,
                failures, recommendations, limits, -1);
    }

    public RunReport(int schemaVersion, String status, Timings timings, ShardCounts shards,
            List<WorkerReport> workers, List<RecycleEvent> recycles, List<DeathEvent> deaths, Copies copies,
            long sharedBytes, ShardTimes shardTimes, List<FailureReport> failures, List<String> recommendations) {
        this(schemaVersion, status, timings, shards, workers, recycles, deaths, copies, sharedBytes, shardTimes,
                failures, recommendations, Limits.NONE, -1);
    }

    /**
     * The pool's memory limits for the run, shown beside each worker's peak.
     *
     * @param memoryLimitBytes recycle above this private memory (0: none)
     * @param hardLimitBytes kill above this (0: none)
     * @param source "set" when the caller gave the limits, else what a default was derived from
     *     (the container's cgroup v2 memory.max or the host's /proc/meminfo)
     */
    public record Limits(long memoryLimitBytes, long hardLimitBytes, String source) {
        public static final Limits NONE = new Limits(0, 0, "none");
    }

    public RunReport {
        workers = List.copyOf(workers);
        recycles = List.copyOf(recycles);
        deaths = List.copyOf(deaths);
        failures = List.copyOf(failures);
        recommendations = List.copyOf(recommendations);
        limits = limits == null ? Limits.NONE : limits;
    }

    /**
     * Where the run's time went, in seconds.
     *
     * @param poolStartSeconds starting the pool (spawn to every worker connected); reported on the
     *     pool's first run only, 0 on later runs of the same (warm) pool
     * @param shareSeconds mapping the shared inputs and outputs into the workers: for each worker,
     *     the total time it spent opening the run's references (zero-copy
     *     maps of existing segments, done on first use inside a kernel, so also part of
     *     {@code computeSeconds}; a view a worker kept from an earlier run costs only its look-up);
     *     the maximum over the run's workers, recycled ones included (their time comes with their
     *     batches' results). Sharing the data on the driver side ({@code Shared.share},
     *     creating output buffers) happens before the run and is not included
     * @param computeSeconds from the run's start until its last shard finished
     * @param totalSeconds from the run's start until its report, summaries and end-of-run recycles included
     */
    public record Timings(double poolStartSeconds, double shareSeconds, double computeSeconds, double totalSeconds) {
    }

    /** Shard counts; {@code retries} counts every re-run attempt (user errors, deaths, timeouts). */
    public record ShardCounts(int total, int succeeded, int failed, int retries) {
    }

    /**
     * One worker slot over the run.
     *
     * @param id the slot, 0 to workers - 1, kept across recycles: not the worker id on the
     *     process's command line ({@code -Dshard.worker=<run-id>:<worker-id>}), which is new for
     *     every process; the two are equal until the slot's first replacement
     * @param pid the slot's last process in the run
     * @param startMillis how long that process took from spawn to connected, in milliseconds (-1: unknown)
     */
    public record WorkerReport(int id, long pid, long baselinePrivateBytes, long peakPrivateBytes,
            long endPrivateBytes, long peakRssBytes, long tasks, int recycles, double startMillis) {
    }

    /** A worker replaced on purpose ({@code worker} is its slot); reason is limit, drift, maxTasks or hardLimit. */
    public record RecycleEvent(int worker, long pid, String reason, long privateBytes, double atSeconds) {
    }

    /** A worker that died or was killed for overrunning the task timeout ({@code worker} is its slot). */
    public record DeathEvent(int worker, long pid, String cause, double atSeconds) {
    }

    /** A call site that copied data out of shared memory. */
    public record CopySite(String site, String what, long events, long bytes) {
    }

    /** Copies out of shared memory made by workers during the run. */
    public record Copies(long events, long bytes, List<CopySite> topCallSites) {
        public Copies {
            topCallSites = List.copyOf(topCallSites);
        }
    }

    /**
     * Per-shard compute time of successful attempts, in seconds.
     *
     * @param steadyMax the slowest shard outside each worker process's warm-up (its first
     *     shards, while the JIT compiles the kernel): equal to {@code max} when the slowest
     *     shards are not warm-up ones
     */
    public record ShardTimes(double p50, double p95, double max, double steadyMax) {
        public ShardTimes(double p50, double p95, double max) {
            this(p50, p95, max, max);
        }
    }

    /** A shard that failed for good. */
    public record FailureReport(int shard, int attempts, int worker, long pid, String error, String stackTrace) {
    }

    /** This report with {@code more} added to its recommendations. */
    public RunReport withRecommendations(List<String> more) {
        List<String> all = new java.util.ArrayList<>(recommendations);
        all.addAll(more);
        return new RunReport(schemaVersion, status, timings, shards, workers, recycles, deaths, copies, sharedBytes,
                shardTimes, failures, all, limits, peakSimultaneousPrivateBytes);
    }

    public String toJson() {
        return ReportJson.write(this);
    }

    public String renderText() {
        return ReportText.render(this);
    }
}
