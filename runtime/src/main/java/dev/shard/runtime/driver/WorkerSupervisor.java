package dev.shard.runtime.driver;

import dev.shard.runtime.supervise.MemorySampler;
import dev.shard.runtime.supervise.RecyclePolicy;
import dev.shard.runtime.supervise.RecycleReason;
import dev.shard.runtime.supervise.TimeoutPolicy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervision half of a {@link DriverConductor}: applies the recycle policy at task
 * boundaries (draining one worker at a time), takes memory samples, kills workers over
 * the hard limit or unresponsive past the task timeout. Runs under the conductor's lock.
 */
final class WorkerSupervisor {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerSupervisor.class);
    private static final long TIMEOUT_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final DriverConductor conductor;

    WorkerSupervisor(DriverConductor conductor) {
        this.conductor = conductor;
    }

    void evaluateBoundary(WorkerProxy worker) {
        // A worker that has run nothing is as fresh as its replacement would be.
        if (worker.state != WorkerState.READY || worker.baselinePrivateBytes < 0 || worker.tasksDone() == 0) {
            return;
        }
        // A worker that stopped itself short of its limit (its next step would pass it) is recycled for it.
        Optional<RecycleReason> reason = worker.stoppedForMemory() ? Optional.of(RecycleReason.LIMIT)
                : conductor.policy.atTaskBoundary(new RecyclePolicy.WorkerFigures(
                        worker.currentPrivateBytes, worker.baselinePrivateBytes, worker.tasksDone()));
        if (reason.isEmpty() || conductor.replacement != null || anyDraining()) {
            return;
        }
        worker.state = WorkerState.DRAINING;
        worker.drainReason = reason.get();
        retireIfDrained(worker);
    }

    private boolean anyDraining() {
        for (WorkerProxy worker : conductor.slots) {
            if (worker.state == WorkerState.DRAINING || worker.state == WorkerState.STOPPING) {
                return true;
            }
        }
        return false;
    }

    void retireIfDrained(WorkerProxy worker) {
        if (worker.state != WorkerState.DRAINING || worker.inFlightCount() > 0) {
            return;
        }
        recordRecycle(worker, worker.drainReason);
        conductor.retire(worker);
        conductor.currentRun().ifPresent(run -> run.onWorkerGone(worker));
    }

    void recordRecycle(WorkerProxy worker, RecycleReason reason) {
        LOG.info("recycling {}: {} (private {} bytes, baseline {})", worker, reason.jsonName(),
                worker.currentPrivateBytes, worker.baselinePrivateBytes);
        conductor.slotRecycles[worker.slot]++;
        conductor.currentRun().ifPresent(run -> run.onRecycle(worker, reason.jsonName()));
    }

    void onSamples(List<MemorySampler.Reading> readings) {
        synchronized (conductor) {
            onSamplesLocked(readings);
        }
    }

    private void onSamplesLocked(List<MemorySampler.Reading> readings) {
        long roundPrivateBytes = 0;
        boolean matched = false;
        for (MemorySampler.Reading reading : readings) {
            for (WorkerProxy worker : conductor.slots) {
                if (worker == null || worker.pid() != reading.pid() || !worker.isLive()) {
                    continue;
                }
                roundPrivateBytes += reading.memory().privateBytes();
                matched = true;
                worker.sampled(reading.memory());
                conductor.currentRun().ifPresent(run -> run.onSample(worker, reading.memory()));
                if (conductor.policy.immediate(new RecyclePolicy.WorkerFigures(worker.currentPrivateBytes,
                        worker.baselinePrivateBytes, worker.tasksDone())).isPresent()) {
                    conductor.kill(worker, "private memory " + worker.currentPrivateBytes
                            + " bytes over the hard limit of " + conductor.context.hardLimit() + " bytes",
                            RecycleReason.HARD_LIMIT);
                }
            }
        }
        if (matched) {
            long total = roundPrivateBytes;
            conductor.currentRun().ifPresent(run -> run.onSampleRound(total));
        }
        killUnresponsive();
    }

    /** The driver's backstop when a worker's own timeout watchdog did not act (frozen JVM). */
    private void killUnresponsive() {
        TimeoutPolicy timeouts = new TimeoutPolicy(conductor.context.taskTimeout().toNanos(), TIMEOUT_GRACE_NANOS);
        long now = System.nanoTime();
        for (WorkerProxy worker : conductor.slots) {
            Batch head = worker.oldestInFlight();
            if (head != null && worker.isLive()
                    && timeouts.overdue(now, head.dispatchedNanos(), worker.lastCompletionNanos(), head.count())) {
                conductor.kill(worker, "unresponsive: a batch of " + head.count()
                        + " shards ran past the task timeout", null);
            }
        }
    }

    /** Applies the task-boundary policy to every idle worker (the end of a run, a health check). */
    void evaluateAll() {
        for (WorkerProxy worker : conductor.slots) {
            if (worker.inFlightCount() == 0) {
                evaluateBoundary(worker);
            }
        }
    }
}
