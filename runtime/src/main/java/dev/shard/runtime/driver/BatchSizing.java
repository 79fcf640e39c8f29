package dev.shard.runtime.driver;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * How many fresh shards the next batch takes. Two rules meet here: a round trip per batch,
 * not per shard (tiny tasks go in thousands at a time), and a bound on what a worker's death
 * throws away — a worker holds at most {@link RunConductor#PREFETCH} batches, each sized to
 * about {@link #BATCH_NANOS} of measured compute, so its claimed work stays near
 * {@link #WINDOW_NANOS}. Until a shard time is measured, batches are small probes.
 *
 * <p>The shard time is a moving average over reported parts, so it follows a run whose
 * shards get faster (JIT warm-up) or slower; a too-high estimate only makes batches smaller.
 * A part weighs by its shard count, as {@link #PROBE_BATCH}-shard parts of weight
 * {@link #NEWEST_WEIGHT} each: the first parts of a run are small, and on a loaded machine
 * one preemption inside a 16-shard part can make tiny shards look a thousand times slower.
 * Weighed per part, that estimate took a dozen round trips to wear off and kept tiny-task
 * batches small (half the throughput); weighed per shard, the next large part replaces it.
 * A slower part always weighs at least {@link #NEWEST_WEIGHT}, so batches still shrink
 * promptly when shards get slower.
 *
 * <p>The first shard a worker runs in a run is left out: it carries the run's set-up on that
 * worker (the kernel's classes loaded and initialised, its references opened, first calls
 * through the task path), 20-150 ms on a fresh pool against 0.1 µs for a tiny task. Counted,
 * it made a fresh pool's first run of 10,000 tiny tasks send 68-116 batches, most of 1-10
 * shards, while the estimate wore off; 32 without it, as warm (bench/results/2026-12-02-first-run-4.md). Left out, a batch
 * that held only that shard is followed by a probe, as at the run's start: the bound on a
 * worker's claimed work before a measurement is the one every run starts with.
 */
final class BatchSizing {
    /** The compute a worker may hold claimed (in flight and not yet reported). */
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final long BATCH_NANOS = WINDOW_NANOS / RunConductor.PREFETCH;
    /** Fresh shards per batch before any shard time is known. */
    static final int PROBE_BATCH = 16;
    static final int MAX_BATCH = 4096;
    /**
     * The smallest guided batch is shards / (workers × this): the guided tail would otherwise
     * shrink to one-shard batches, each a full round trip, and those dominate tiny tasks.
     * The time bound still applies below it.
     */
    static final int MIN_BATCH_DIVISOR = 32;
    private static final int GUIDED_DIVISOR = 4;
    /** Weight of the newest part in the moving average. */
    private static final double NEWEST_WEIGHT = 0.25;

    private final int shards;
    private double meanShardNanos = -1;
    /** Workers (process ids of the pool, not slots: a replacement starts cold) whose first shard was seen. */
    private final Set<Integer> workersStarted = new HashSet<>();

    BatchSizing(int shards) {
        this.shards = shards;
    }

    /**
     * A part {@code workerId} reported: {@code count} shards that took {@code totalNanos} between
     * them, the first of which took {@code firstNanos}. A worker's first part of the run starts
     * with its first shard of the run (it runs its batches in the order they were sent).
     */
    void measured(int workerId, int count, long totalNanos, long firstNanos) {
        if (count > 0 && workersStarted.add(workerId)) {
            measured(count - 1, totalNanos - firstNanos);
            return;
        }
        measured(count, totalNanos);
    }

    /** A reported part: {@code count} shards that took {@code totalNanos} between them. */
    void measured(int count, long totalNanos) {
        if (count <= 0) {
            return;
        }
        double mean = Math.max(1.0, (double) totalNanos / count);
        if (meanShardNanos < 0) {
            meanShardNanos = mean;
            return;
        }
        double weight = 1 - Math.pow(1 - NEWEST_WEIGHT, (double) count / PROBE_BATCH);
        if (mean > meanShardNanos) {
            weight = Math.max(weight, NEWEST_WEIGHT);
        }
        meanShardNanos = (1 - weight) * meanShardNanos + weight * mean;
    }

    /** The measured mean shard time in nanoseconds, -1 before the first report. */
    double meanShardNanos() {
        return meanShardNanos;
    }

    /** The next fresh batch's size for {@code remaining} fresh shards on {@code liveWorkers}: at least 1. */
    int next(int remaining, int liveWorkers) {
        int workers = Math.max(1, liveWorkers);
        long guided = remaining / ((long) workers * GUIDED_DIVISOR);
        long smallest = Math.max(1, shards / ((long) workers * MIN_BATCH_DIVISOR));
        long byTime = meanShardNanos < 0 ? PROBE_BATCH : Math.max(1, (long) (BATCH_NANOS / meanShardNanos));
        long size = Math.min(Math.min(Math.max(smallest, guided), MAX_BATCH), byTime);
        return (int) Math.max(1, Math.min(size, remaining));
    }
}
