package dev.shard.runtime.driver;

import dev.shard.runtime.protocol.Message;
import dev.shard.runtime.protocol.PackedOutcomes;
import dev.shard.runtime.report.RunReport;
import dev.shard.runtime.supervise.WorkerMemoryReader;
import dev.shard.runtime.task.ShardFailure;
import dev.shard.storage.memory.ProcessMemory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The one owner of a run's state on the driver: its shard ledger, events, per-slot records,
 * failures and awaited summaries. Nothing else writes them: the pool's conductor, the
 * supervisor and the run driver tell it what happened through the {@code on...} methods
 * and read it through the accessors (runtime/ARCHITECTURE.md, "Who owns what").
 *
 * <p>Dispatch is pull-based: a worker is topped up to {@link #PREFETCH} in-flight batches
 * whenever it reports a batch done. Fresh batches are sized by {@link BatchSizing}: guided
 * (remaining / (workers × 4), between a floor and a cap) and bounded by measured shard
 * time, so tiny tasks cost one socket round trip per batch, not per task, and a worker never
 * holds much more than 100 ms of claimed work. Retries go out one shard at a time; shards a
 * worker handed back unrun go out again as ranges. Called under the {@link DriverConductor}'s lock.
 */
final class RunConductor {
    static final int PREFETCH = 4;

    private final int runId;
    /** Sent to each worker the run sets up; let go when the run ends (its report may be read much later). */
    private byte[] descriptor;
    private final long taskTimeoutMillis;
    private final int maxAttempts;
    private final ShardLedger ledger;
    private final BatchSizing sizing;
    private final WarmupTracker warmup = new WarmupTracker();
    private final long memoryLimitBytes;
    private final RunEvents events;
    private final Map<Integer, ShardFailure> lastFailure = new HashMap<>();
    private final Map<Integer, SlotRecord> slots = new TreeMap<>();
    private boolean failedForGood;
    private int retries;
    private long computeEndNanos;
    private long peakSimultaneousPrivateBytes = -1;
    /** Workers whose end-of-run summary (copy call sites) has not arrived yet. */
    private final Set<Integer> pendingSummaries = new HashSet<>();
    /**
     * Workers that reported copies in this run. The others' summaries hold nothing the
     * batches did not already say (no copy, so no call site): the run does not wait for them.
     */
    private final Set<Integer> copyingWorkers = new HashSet<>();

    RunConductor(int runId, byte[] descriptor, int shards, long taskTimeoutMillis, int maxRetries) {
        this(runId, descriptor, shards, taskTimeoutMillis, maxRetries, 0);
    }

    RunConductor(int runId, byte[] descriptor, int shards, long taskTimeoutMillis, int maxRetries,
            long memoryLimitBytes) {
        this.runId = runId;
        this.memoryLimitBytes = memoryLimitBytes;
        this.sizing = new BatchSizing(shards);
        this.descriptor = descriptor;
        this.taskTimeoutMillis = taskTimeoutMillis;
        this.maxAttempts = maxRetries + 1;
        this.ledger = new ShardLedger(shards);
        this.events = new RunEvents(System.nanoTime());
    }

    private SlotRecord slot(int slot) {
        return slots.computeIfAbsent(slot, SlotRecord::new);
    }

    int runId() {
        return runId;
    }

    /** The shard ledger, for reading: results, counts, times. Only this class changes it. */
    ShardLedger ledger() {
        return ledger;
    }

    /** The run starts on these workers: each slot's first process, start-up time and shared pages so far. */
    void onStart(List<WorkerProxy> workers) {
        for (WorkerProxy worker : workers) {
            SlotRecord slot = slot(worker.slot);
            slot.pid = worker.pid();
            slot.firstWorker = worker;
            slot.startMillis = worker.startupMillis();
            // Growth counts from the last reading before the run: the first reading inside
            // it may come from the sampler after the kernel has already mapped pages.
            slot.baselineSharedBytes = worker.currentSharedBytes;
        }
    }

    /** A new process fills {@code slot}: it maps fewer pages than the one it replaced. */
    void onSlotRespawned(int slot) {
        slot(slot).replaced();
    }

    void onRecycle(WorkerProxy worker, String reason) {
        events.recycle(worker, reason);
        slot(worker.slot).recycles++;
    }

    /** A worker died unasked: its death goes into the report and its shards are re-queued. */
    void onDeath(WorkerProxy worker, String cause) {
        events.death(worker, cause);
        onWorkerLost(worker, cause);
    }

    /** A worker left the pool (exited, retired or died): the run no longer waits for its summary. */
    void onWorkerGone(WorkerProxy worker) {
        pendingSummaries.remove(worker.workerId);
    }

    /** Returns true when the summary was awaited (only those count, so a report never depends on timing). */
    boolean onSummary(WorkerProxy worker, Message.RunSummary summary) {
        if (summary.runId() != runId || !pendingSummaries.remove(worker.workerId)) {
            return false;
        }
        events.summary(summary);
        return true;
    }

    /**
     * Tells every worker set up for this run that it is over (each starts its next copy count
     * afresh); only those that copied have call sites to report, so only they are awaited.
     */
    void requestSummaries(List<WorkerProxy> workers) {
        for (WorkerProxy worker : workers) {
            if (worker.isLive() && worker.isSetUpFor(runId)) {
                if (copyingWorkers.contains(worker.workerId)) {
                    pendingSummaries.add(worker.workerId);
                }
                worker.send(new Message.RunEnd(runId));
            }
        }
    }

    /** True when a worker reported copies in this run: its end-of-run summary will be awaited. */
    boolean anyWorkerCopied() {
        return !copyingWorkers.isEmpty();
    }

    boolean awaitsSummaries() {
        return !pendingSummaries.isEmpty();
    }

    /**
     * The end figures. A worker read at the end of compute and still in its slot keeps that
     * reading (its run is over: nothing of the kernel runs any more); a replacement, started
     * by the settling, is read now.
     */
    void onEnd(List<WorkerProxy> workers, Map<WorkerProxy, ProcessMemory> readings) {
        long endTotal = 0;
        boolean read = false;
        for (WorkerProxy worker : workers) {
            SlotRecord slot = slot(worker.slot);
            ProcessMemory earlier = worker.isLive() ? readings.get(worker) : null;
            Optional<ProcessMemory> reading = earlier != null ? Optional.of(earlier)
                    : WorkerMemoryReader.read(worker.pid());
            if (reading.isPresent()) {
                slot.sampled(worker, reading.get());
                slot.endPrivateBytes = reading.get().privateBytes();
                endTotal += reading.get().privateBytes();
                read = true;
            }
            WorkerProxy first = slot.firstWorker != null ? slot.firstWorker : worker;
            slot.baselinePrivateBytes = first.baselinePrivateBytes;
        }
        if (read) {
            // The end readings are taken together too: one more round.
            onSampleRound(endTotal);
        }
    }

    /**
     * The run has ended: no worker is set up for it any more. A finished run is kept until its
     * report is read (DeferredReport), and a descriptor can be large (lapply ships its items in it).
     */
    void releaseDescriptor() {
        descriptor = null;
    }

    List<SlotRecord> slots() {
        return List.copyOf(slots.values());
    }

    /** Tops up {@code worker} to the prefetch window; {@code taskBudget} caps tasks before it must recycle. */
    void fill(WorkerProxy worker, int liveWorkers, long taskBudget) {
        worker.cork();
        try {
            fillCorked(worker, liveWorkers, taskBudget);
        } finally {
            worker.uncork();
        }
    }

    private void fillCorked(WorkerProxy worker, int liveWorkers, long taskBudget) {
        long budget = taskBudget;
        while (!failedForGood && worker.inFlightCount() < PREFETCH && budget > 0) {
            Batch batch;
            if (ledger.hasRetry()) {
                int shard = ledger.takeRetry();
                batch = new Batch(runId, shard, 1, ledger.attempts(shard), System.nanoTime());
            } else if (ledger.hasReturned()) {
                int size = (int) Math.min(budget, sizing.next(ledger.count(), liveWorkers));
                int first = ledger.takeReturned(size);
                batch = new Batch(runId, first, ledger.lastTakenCount(), ledger.attempts(first), System.nanoTime());
            } else if (ledger.freshRemaining() > 0) {
                int size = (int) Math.min(budget, sizing.next(ledger.freshRemaining(), liveWorkers));
                batch = new Batch(runId, ledger.takeFresh(size), size, 1, System.nanoTime());
            } else {
                return;
            }
            if (!worker.isSetUpFor(runId)) {
                worker.setUp(new Message.RunSetup(runId, taskTimeoutMillis, memoryLimitBytes, descriptor));
            }
            worker.dispatched(batch);
            budget -= batch.count();
        }
    }

    /**
     * When nothing of the run is left to hand out and a worker that {@code canTake} more holds no
     * batch of it, asks the ready worker with the most unbegun batches for the newest half of
     * them (rounded up): they come back unrun ({@link #onBatchArrived}) and go to the idle worker.
     * Equal shards are best split up front (a smaller window cost W1 a quarter), so the window
     * stays as it is and only the tail is rebalanced: a worker slowed by another process on its
     * core, or shards of uneven cost, no longer leave the other idle while work waits.
     */
    void handBackToIdle(WorkerProxy[] workers, Predicate<WorkerProxy> canTake) {
        if (failedForGood || ledger.hasRetry() || ledger.hasReturned() || ledger.freshRemaining() > 0) {
            return;
        }
        boolean idle = false;
        for (WorkerProxy worker : workers) {
            idle |= canTake.test(worker) && !worker.holdsBatchOf(runId);
        }
        if (!idle) {
            return;
        }
        WorkerProxy donor = null;
        int most = 0;
        for (WorkerProxy worker : workers) {
            int unbegun = worker.unbegunBatchesOf(runId);
            if (worker.state == WorkerState.READY && !worker.handBackAsked() && unbegun > most) {
                donor = worker;
                most = unbegun;
            }
        }
        if (donor != null) {
            donor.askHandBack(runId, (most + 1) / 2);
        }
    }

    /** What sizes this run's batches (its measured shard time). */
    BatchSizing sizing() {
        return sizing;
    }

    /** A part of a batch arrived: {@link #onBatchArrived} then {@link #onBatchResults}. */
    void onBatchDone(WorkerProxy worker, Message.BatchDone done) {
        onBatchArrived(worker, done, true);
        onBatchResults(worker, done);
    }

    /**
     * What the next dispatch needs of a part that arrived, before its results are handled:
     * shards handed back unrun wait again, and its shard times size the next batch.
     * {@code held}: the batch was still in the worker's window. One that left it (the worker was
     * lost and its batches released) hands nothing back: its shards may already run elsewhere.
     */
    void onBatchArrived(WorkerProxy worker, Message.BatchDone done, boolean held) {
        if (held && done.complete() && done.unclaimed() > 0) {
            ledger.release(done.firstShard() + done.count() - done.unclaimed(), done.unclaimed());
        }
        if (done.outcomes() instanceof PackedOutcomes packed) {
            sizing.measured(worker.workerId, packed.size(), packed.totalNanos(), packed.size() > 0 ? packed.nanos(0) : 0);
            return;
        }
        long partNanos = 0;
        for (Message.ShardOutcome outcome : done.outcomes()) {
            partNanos += outcome.nanos();
        }
        long firstNanos = done.outcomes().isEmpty() ? 0 : done.outcomes().getFirst().nanos();
        sizing.measured(worker.workerId, done.outcomes().size(), partNanos, firstNanos);
    }

    /**
     * The part's results, stored after the worker has been given its next batch. Returns true
     * when a shard failed: its retry (or the run's failure) waits for the next dispatch.
     */
    boolean onBatchResults(WorkerProxy worker, Message.BatchDone done) {
        if (done.complete()) {
            slot(worker.slot).tasks += done.count() - done.unclaimed();
        }
        if (done.privateBytes() >= 0) {
            slot(worker.slot).privateReading(done.privateBytes());
        }
        events.copies(done.copyEvents(), done.copyBytes());
        if (done.openNanos() > 0) {
            events.opened(worker.workerId, done.openNanos());
        }
        if (done.copyEvents() > 0) {
            copyingWorkers.add(worker.workerId);
        }
        if (done.outcomes() instanceof PackedOutcomes packed) {
            ledger.succeedAll(packed);
            warmup.reported(worker.workerId, packed.firstShard(), packed.size(), packed.totalNanos(), packed::nanos,
                    ledger);
            if (!lastFailure.isEmpty()) {
                for (int shard = packed.firstShard(); shard < packed.firstShard() + packed.size(); shard++) {
                    lastFailure.remove(shard);
                }
            }
            markComputeEnd();
            return false;
        }
        boolean failed = false;
        for (Message.ShardOutcome outcome : done.outcomes()) {
            if (outcome.succeeded()) {
                if (ledger.succeed(outcome.shardId(), outcome.result(), outcome.nanos())) {
                    lastFailure.remove(outcome.shardId());
                }
                warmup.reported(worker.workerId, outcome.shardId(), 1, outcome.nanos(), index -> outcome.nanos(), ledger);
                continue;
            }
            lastFailure.put(outcome.shardId(), new ShardFailure(outcome.shardId(), outcome.attempt(), worker.workerId,
                    worker.pid(), outcome.error(), outcome.stackTrace()));
            lose(outcome.shardId());
            failed = true;
        }
        markComputeEnd();
        return failed;
    }

    void onTimedOut(WorkerProxy worker, Message.TaskTimedOut timedOut) {
        if (ledger.state(timedOut.shardId()) != ShardLedger.RUNNING) {
            return;
        }
        String error = "timed out: ran " + timedOut.elapsedMillis() + " ms, over the task timeout of "
                + taskTimeoutMillis + " ms";
        lastFailure.put(timedOut.shardId(), new ShardFailure(timedOut.shardId(), timedOut.attempt(), worker.workerId,
                worker.pid(), error, "(no stack trace: the worker was ended for overrunning the timeout)"));
        lose(timedOut.shardId());
    }

    /** A worker is lost: every shard it still held is re-queued (or fails when out of attempts). */
    void onWorkerLost(WorkerProxy worker, String cause) {
        boolean oldest = true;
        for (Batch batch : worker.takeInFlight()) {
            boolean started = oldest;
            oldest = false;
            if (batch.runId() != runId) {
                continue;
            }
            if (!started) {
                // A worker runs its batches one after another: only the oldest can have begun
                // (and holds whatever killed it). The prefetched ones go back uncharged, so a
                // shard does not run out of attempts for deaths it was only queued behind.
                ledger.release(batch.firstShard(), batch.count());
                continue;
            }
            for (int shard = batch.firstShard(); shard < batch.firstShard() + batch.count(); shard++) {
                if (ledger.state(shard) == ShardLedger.RUNNING) {
                    lastFailure.put(shard, new ShardFailure(shard, ledger.attempts(shard), worker.workerId,
                            worker.pid(), "worker " + worker.workerId + " (pid " + worker.pid() + ") died: " + cause,
                            "(no stack trace: the worker process ended)"));
                    lose(shard);
                }
            }
        }
        markComputeEnd();
    }

    private void lose(int shard) {
        if (ledger.attemptLost(shard, maxAttempts)) {
            retries++;
        } else {
            failedForGood = true;
        }
    }

    void onSample(WorkerProxy worker, ProcessMemory memory) {
        slot(worker.slot).sampled(worker, memory);
    }

    /** One sampling round read every live worker together: their private memory summed at one moment. */
    void onSampleRound(long totalPrivateBytes) {
        peakSimultaneousPrivateBytes = Math.max(peakSimultaneousPrivateBytes, totalPrivateBytes);
    }

    /** The largest {@link #onSampleRound} sum of the run; -1 when no round was read. */
    long peakSimultaneousPrivateBytes() {
        return peakSimultaneousPrivateBytes;
    }

    boolean failedForGood() {
        return failedForGood;
    }

    /** Done when every shard has a result, or the run failed and nothing of it is still running. */
    boolean finished(List<WorkerProxy> workers) {
        if (ledger.allDone()) {
            return true;
        }
        return failedForGood && workers.stream().noneMatch(worker -> worker.holdsBatchOf(runId));
    }

    private void markComputeEnd() {
        if (computeEndNanos == 0 && (ledger.allDone() || failedForGood)) {
            computeEndNanos = System.nanoTime();
        }
    }

    /** When the last shard ended (succeeded or failed for good), or 0 while shards still run. */
    long computeEndNanos() {
        return computeEndNanos;
    }

    long startNanos() {
        return events.startNanos();
    }

    long maxOpenNanos() {
        return events.maxOpenNanos();
    }

    List<RunReport.RecycleEvent> recycles() {
        return events.recycles();
    }

    List<RunReport.DeathEvent> deaths() {
        return events.deaths();
    }

    RunReport.Copies copies() {
        return events.copies();
    }

    int retries() {
        return retries;
    }

    /**
     * The shards that failed, in shard order. The ledger counts them, so a run without one
     * (almost every run) returns at once: the scan over every shard is read several times at a
     * run's end, mostly before the JIT has compiled it.
     */
    List<ShardFailure> failures() {
        if (ledger.failed() == 0) {
            return List.of();
        }
        List<ShardFailure> failures = new ArrayList<>();
        for (int shard = 0; shard < ledger.count(); shard++) {
            if (ledger.state(shard) == ShardLedger.FAILED) {
                ShardFailure last = lastFailure.get(shard);
                failures.add(new ShardFailure(shard, ledger.attempts(shard), last.workerId(), last.workerPid(),
                        last.error(), last.remoteStackTrace()));
            }
        }
        return failures;
    }

    List<RunReport.FailureReport> failureReports() {
        return failures().stream().map(failure -> new RunReport.FailureReport(failure.shardId(), failure.attempts(),
                failure.workerId(), failure.workerPid(), failure.error(), failure.remoteStackTrace())).toList();
    }
}
