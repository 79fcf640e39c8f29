package dev.shard.runtime.driver;

import dev.shard.runtime.supervise.WorkerMemoryReader;
import dev.shard.storage.memory.ProcessMemory;
import java.io.Serializable;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one run on a started pool, start to end: dispatch, wait, collect the workers'
 * copy summaries, recycle workers that ended the run over their limits (so memory is
 * returned), take the end-of-run memory figures, and hand back the report to be assembled
 * when first read ({@link DeferredReport}). It holds no run
 * state: it tells the {@link RunConductor} each step and asks it when to go on.
 */
public final class RunDriver {
    private static final long SUMMARY_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long SETTLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private RunDriver() {
    }

    /** {@code shardItems} gives each shard's item count, so the report can tell skew from an outlier. */
    public static RunOutcome execute(DriverConductor conductor, byte[] descriptor, int shardCount,
            java.util.function.IntToLongFunction shardItems) {
        synchronized (conductor) {
            if (conductor.closing()) {
                throw new IllegalStateException("this pool is stopped: start a new one with Pool.builder()...start()");
            }
            if (conductor.running()) {
                throw new IllegalStateException("this pool is already running a run: runs on one pool are"
                        + " sequential (use another pool to run two at once)");
            }
            RunConductor run = conductor.beginRun(descriptor, shardCount);
            try {
                run.onStart(conductor.currentWorkers());
                conductor.dispatch();
                String error = awaitFinish(conductor, run);
                Map<WorkerProxy, ProcessMemory> readings = endOfCompute(conductor, run);
                awaitSummaries(conductor, run);
                settle(conductor);
                run.onEnd(conductor.currentWorkers(), readings);
                return outcome(conductor, run, error, shardItems);
            } finally {
                conductor.endRun(run);
                run.releaseDescriptor();
            }
        }
    }

    private static String awaitFinish(DriverConductor conductor, RunConductor run) {
        while (!run.finished(conductor.currentWorkers())) {
            if (conductor.broken() != null) {
                return conductor.broken();
            }
            if (conductor.closing()) {
                return "the pool was stopped during the run";
            }
            conductor.waitNanos(POLL_NANOS);
        }
        return null;
    }

    /**
     * Takes the end-of-compute readings and tells the workers the run is over. When a worker
     * copied, its summary is awaited: it travels while the driver reads /proc. Otherwise
     * (the common case) nothing is awaited, and the driver reads first: the run-end frames
     * wake every worker's threads, which on a small machine would take the cores from the
     * reading that the run's end waits for, and the reading is then taken before the workers
     * let go of the run's resources.
     */
    private static Map<WorkerProxy, ProcessMemory> endOfCompute(DriverConductor conductor, RunConductor run) {
        if (run.anyWorkerCopied()) {
            run.requestSummaries(conductor.currentWorkers());
            return sampleAll(conductor, run);
        }
        Map<WorkerProxy, ProcessMemory> readings = sampleAll(conductor, run);
        run.requestSummaries(conductor.currentWorkers());
        return readings;
    }

    /**
     * One reading at the end of compute, so peaks never miss a short run. From statm: the
     * figures the report and the recycle policy use are all there ({@link WorkerMemoryReader}).
     */
    private static Map<WorkerProxy, ProcessMemory> sampleAll(DriverConductor conductor, RunConductor run) {
        Map<WorkerProxy, ProcessMemory> readings = new IdentityHashMap<>();
        for (WorkerProxy worker : conductor.currentWorkers()) {
            if (worker.isLive()) {
                WorkerMemoryReader.read(worker.pid()).ifPresent(memory -> {
                    worker.sampled(memory);
                    run.onSample(worker, memory);
                    readings.put(worker, memory);
                });
            }
        }
        return readings;
    }

    /** Every summary wakes this wait (the conductor notifies on each summary); the poll is only a backstop. */
    private static void awaitSummaries(DriverConductor conductor, RunConductor run) {
        long deadline = System.nanoTime() + SUMMARY_WAIT_NANOS;
        while (run.awaitsSummaries() && System.nanoTime() < deadline) {
            conductor.waitNanos(POLL_NANOS);
        }
    }

    /** The end of a run is every worker's task boundary: recycle those over their limits, one at a time. */
    private static void settle(DriverConductor conductor) {
        long deadline = System.nanoTime() + SETTLE_WAIT_NANOS;
        while (System.nanoTime() < deadline && conductor.broken() == null && !conductor.closing()) {
            conductor.evaluateAll();
            if (conductor.settled()) {
                return;
            }
            conductor.waitNanos(POLL_NANOS);
        }
    }

    private static RunOutcome outcome(DriverConductor conductor, RunConductor run, String error,
            java.util.function.IntToLongFunction shardItems) {
        List<Serializable> results = new LazyResults(run.ledger());
        String runError = error;
        if (runError == null && !run.ledger().allDone() && run.failures().isEmpty()) {
            runError = "run ended with " + (run.ledger().count() - run.ledger().done()) + " shards without a result";
        }
        DeferredReport report = new DeferredReport(conductor, run, runError, shardItems, System.nanoTime());
        return new RunOutcome(results, run.failures(), runError, report);
    }
}
