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
 */
public record RunReport(int schemaVersion, String status, Timings timings, ShardCounts shards,
        List<WorkerReport> workers, List<RecycleEvent> recycles, List<DeathEvent> deaths, Copies copies,
        long sharedBytes, ShardTimes shardTimes, List<FailureReport> failures, List<String> recommendations) {

    public static final int SCHEMA_VERSION = 1;

    public RunReport {
        workers = List.copyOf(workers);
        recycles = List.copyOf(recycles);
        deaths = List.copyOf(deaths);
        failures = List.copyOf(failures);
        recommendations = List.copyOf(recommendations);
    }

    /** Seconds spent starting the pool, sharing inputs, computing, and in total. */
    public record Timings(double poolStartSeconds, double shareSeconds, double computeSeconds, double totalSeconds) {
    }

    /** Shard counts; {@code retries} counts every re-run attempt (user errors, deaths, timeouts). */
    public record ShardCounts(int total, int succeeded, int failed, int retries) {
    }

    /**
     * One worker slot over the run (a recycled slot keeps its id; {@code pid} is its last process).
     *
     * @param startMillis how long that process took from spawn to connected, in milliseconds (-1: unknown)
     */
    public record WorkerReport(int id, long pid, long baselinePrivateBytes, long peakPrivateBytes,
            long endPrivateBytes, long peakRssBytes, long tasks, int recycles, double startMillis) {
    }

    /** A worker replaced on purpose; reason is limit, drift, maxTasks or hardLimit. */
    public record RecycleEvent(int worker, long pid, String reason, long privateBytes, double atSeconds) {
    }

    /** A worker that died or was killed for overrunning the task timeout. */
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

    /** Per-shard compute time of successful attempts, in seconds. */
    public record ShardTimes(double p50, double p95, double max) {
    }

    /** A shard that failed for good. */
    public record FailureReport(int shard, int attempts, int worker, long pid, String error, String stackTrace) {
    }

    public String toJson() {
        return ReportJson.write(this);
    }

    public String renderText() {
        return ReportText.render(this);
    }
}
