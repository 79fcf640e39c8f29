package dev.shard.runtime.worker;

import dev.shard.runtime.protocol.Message;
import dev.shard.runtime.protocol.ValueCodec;
import dev.shard.runtime.task.RunDescriptor;
import dev.shard.storage.copy.CopyLedger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The worker's single control loop: takes run setups, task batches and run ends in the
 * order the driver sent them and executes them on this thread. The socket thread only
 * enqueues, so a long task never blocks reading the next batch (the prefetch).
 */
final class WorkerConductor {
    /** While idle, kept views whose files are gone are let go this often, so released memory returns. */
    private static final long IDLE_SWEEP_MILLIS = 1_000;

    private final int workerId;
    private final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
    private final TimeoutWatchdog watchdog;
    private final MemoryGuard memory = new MemoryGuard();
    private final BatchExecutor batches;
    private volatile DriverProxy driver;
    /** The conductor's own frames (parts, summaries), in order; large parts travel while the next shard runs. */
    private volatile PartSender parts;
    private int runId = -1;
    private RunDescriptor descriptor;
    private RunResources resources;
    private final OpenedReferences opened = new OpenedReferences();
    private CopyLedger.Snapshot copiesAtLastReport;
    private CopyLedger.Snapshot copiesAtRunStart;
    private Throwable setupError;
    /** The last descriptor decoded, its bytes, and the cache generation it was decoded at. */
    private byte[] decodedBytes;
    private RunDescriptor decoded;
    private long decodedGeneration;

    WorkerConductor(int workerId) {
        this.workerId = workerId;
        this.watchdog = new TimeoutWatchdog(this::reportTimeout);
        this.batches = new BatchExecutor(workerId, watchdog);
    }

    void attach(DriverProxy driver) {
        this.driver = driver;
        this.parts = new PartSender(driver);
    }

    void enqueue(Message message) {
        if (RunTrace.ON) {
            int shard = message instanceof Message.TaskBatch batch ? batch.firstShard() : -1;
            RunTrace.mark("got-" + message.getClass().getSimpleName(), shard, System.nanoTime());
        }
        inbox.add(message);
    }

    /**
     * Sends the newest {@code handBack.batches()} batches of its run that this worker holds and
     * has not begun back to the driver, unrun. Called on the socket's reader thread while the
     * conductor runs: a batch is handed back only if it is taken out of the queue before the
     * conductor takes it, so each shard is either run here or handed back, never both.
     */
    void handBack(Message.HandBack handBack) {
        List<Message.TaskBatch> held = new ArrayList<>();
        for (Message message : inbox) {
            if (message instanceof Message.TaskBatch batch && batch.runId() == handBack.runId()) {
                held.add(batch);
            }
        }
        int given = 0;
        for (int i = held.size() - 1; i >= 0 && given < handBack.batches(); i--) {
            Message.TaskBatch batch = held.get(i);
            if (inbox.removeIf(message -> message == batch)) {
                given++;
                parts.post(new Message.BatchDone(batch.runId(), batch.firstShard(), batch.count(), true, 0, 0, 0,
                        List.of(), batch.count(), -1, false));
            }
        }
        if (RunTrace.ON) {
            RunTrace.mark("handed-back-" + given, -1, System.nanoTime());
        }
    }

    void shutdown() {
        inbox.add(new Message.Shutdown());
    }

    void runLoop() throws InterruptedException {
        while (true) {
            Message message = opened.size() == 0 ? inbox.take()
                    : inbox.poll(IDLE_SWEEP_MILLIS, TimeUnit.MILLISECONDS);
            if (message == null) {
                opened.sweep();
                continue;
            }
            try {
                handle(message);
            } catch (RuntimeException | Error e) {
                // A worker that cannot go on must end, so the driver notices and re-runs its work.
                e.printStackTrace();
                WorkerMain.fail("cannot handle " + message.getClass().getSimpleName() + ": " + e,
                        WorkerMain.EXIT_PROTOCOL);
            }
        }
    }

    private void handle(Message message) {
        switch (message) {
            case Message.Welcome ignored -> { }
            case Message.RunSetup setup -> setUp(setup);
            case Message.TaskBatch batch -> execute(batch);
            case Message.RunEnd end -> endRun(end);
            case Message.Shutdown ignored -> {
                closeResources();
                opened.close();
                if (StartupTraining.requested()) {
                    // This JVM records the AOT cache as it exits: train the task path into it first.
                    watchdog.configure(0);
                    StartupTraining.run(batches);
                }
                // A normal exit: shutdown hooks run (and JVM exit work such as writing an AOT cache).
                try {
                    parts.flush();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                WorkerMain.exiting = true;
                // The JVM's exit waits up to 300 ms for threads sitting in native code, such as the
                // reader blocked on the socket: closing the socket ends it first.
                driver.close();
                WorkerMain.exit(0);
            }
            // Frames only a driver receives, and those the socket thread handles (reject).
            case Message.Hello _, Message.Reject _, Message.BatchDone _, Message.TaskTimedOut _,
                    Message.RunSummary _, Message.HandBack _ -> { }
        }
    }

    private void setUp(Message.RunSetup setup) {
        if (RunTrace.ON) {
            RunTrace.mark("set-up-begin", -1, System.nanoTime());
        }
        closeResources();
        opened.sweep();
        runId = setup.runId();
        setupError = null;
        try {
            descriptor = decode(setup.descriptor());
            resources = new RunResources(descriptor, opened);
        } catch (RuntimeException | LinkageError e) {
            // Every shard of this run then fails with this cause, so the driver reports it clearly.
            setupError = new IllegalStateException("worker " + workerId + " cannot set up the run: " + e, e);
        }
        if (RunTrace.ON) {
            RunTrace.mark("set-up", -1, System.nanoTime());
        }
        watchdog.configure(setup.taskTimeoutMillis());
        memory.configure(setup.memoryLimitBytes());
        copiesAtRunStart = CopyLedger.snapshot(0);
        copiesAtLastReport = copiesAtRunStart;
    }

    /**
     * A run identical to the last one (same bytes: kernel, shards, references, seed) reuses
     * its decoded descriptor, kernel instance included, while every view that kernel may
     * have kept is still open and current: all its references are kept by the cache and the
     * cache has closed nothing since. Decoding runs once per run, so it never gets compiled
     * and costs milliseconds in the interpreter.
     */
    private RunDescriptor decode(byte[] bytes) {
        if (decoded != null && decodedGeneration == opened.generation() && Arrays.equals(bytes, decodedBytes)) {
            return decoded;
        }
        decoded = null;
        RunDescriptor fresh = (RunDescriptor) ValueCodec.decode(bytes);
        boolean reusable = fresh.inputs().values().stream().allMatch(OpenedReferences::keeps)
                && fresh.outputs().values().stream().allMatch(OpenedReferences::keeps);
        if (reusable) {
            decoded = fresh;
            decodedBytes = bytes;
            decodedGeneration = opened.generation();
        }
        return fresh;
    }

    /**
     * Runs a batch on this thread; its outcomes go to the driver in parts as they are ready,
     * at least every {@link BatchExecutor#PART_NANOS}, and past the memory limit the rest of
     * the batch is handed back (runtime/ARCHITECTURE.md, "Dispatch").
     */
    private void execute(Message.TaskBatch batch) {
        if (batch.runId() != runId) {
            throw new IllegalStateException("batch for run " + batch.runId() + " but the current run is " + runId);
        }
        if (RunTrace.ON) {
            RunTrace.mark("begin", batch.firstShard(), System.nanoTime());
        }
        batches.execute(batch, descriptor, resources, setupError, memory,
                (complete, outcomes, unclaimed) -> send(batch, complete, outcomes, unclaimed));
    }

    private void send(Message.TaskBatch batch, boolean complete, List<Message.ShardOutcome> outcomes, int unclaimed) {
        CopyLedger.Snapshot copies = CopyLedger.snapshot(0);
        CopyLedger.Snapshot delta = copies.minus(copiesAtLastReport);
        copiesAtLastReport = copies;
        long openNanos = resources == null ? 0 : resources.takeOpenNanos();
        if (RunTrace.ON) {
            RunTrace.mark("send", batch.firstShard(), System.nanoTime());
        }
        parts.post(new Message.BatchDone(runId, batch.firstShard(), batch.count(), complete,
                delta.events(), delta.bytes(), openNanos, outcomes, unclaimed, memory.privateBytes(), memory.tripped()));
        if (RunTrace.ON) {
            RunTrace.mark("sent", batch.firstShard(), System.nanoTime());
        }
    }

    private void endRun(Message.RunEnd end) {
        CopyLedger.Snapshot copies = CopyLedger.snapshot();
        CopyLedger.Snapshot delta = copiesAtRunStart == null ? copies : copies.minus(copiesAtRunStart);
        List<Message.CopySite> sites = copies.topCallSites().stream()
                .map(site -> new Message.CopySite(site.site(), site.what(), site.events(), site.bytes())).toList();
        closeResources();
        parts.post(new Message.RunSummary(end.runId(), delta.events(), delta.bytes(), sites));
        RunTrace.write(workerId, end.runId());
        // Sites are per process; start each run's list afresh.
        CopyLedger.reset();
        copiesAtRunStart = CopyLedger.snapshot(0);
        copiesAtLastReport = copiesAtRunStart;
    }

    private void closeResources() {
        if (resources != null) {
            resources.close();
            resources = null;
        }
    }

    private void reportTimeout(int shardId, int attempt, long elapsedMillis) {
        driver.send(new Message.TaskTimedOut(runId, shardId, attempt, elapsedMillis));
        WorkerMain.fail("shard " + shardId + " ran " + elapsedMillis + " ms, over the task timeout; exiting",
                WorkerMain.EXIT_TIMEOUT);
    }
}
