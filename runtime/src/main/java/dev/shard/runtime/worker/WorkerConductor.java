package dev.shard.runtime.worker;

import dev.shard.runtime.protocol.Message;
import dev.shard.runtime.protocol.PackedOutcomes;
import dev.shard.runtime.protocol.ValueCodec;
import dev.shard.runtime.task.RunDescriptor;
import dev.shard.runtime.task.ShardKernel;
import dev.shard.storage.copy.CopyLedger;
import io.netty.channel.Channel;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
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
    /** Results are sent in parts of about this size, well under the frame limit. */
    private static final long PART_BYTES = 8L * 1024 * 1024;
    private static final int PART_OUTCOMES = 65_536;
    private static final int MAX_RESULT_BYTES = 32 * 1024 * 1024;
    /**
     * Results of a running batch go to the driver at least this often: what a worker's death
     * loses of its current batch is bounded by time, not by the batch's size.
     */
    static final long PART_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** While idle, kept views whose files are gone are let go this often, so released memory returns. */
    private static final long IDLE_SWEEP_MILLIS = 1_000;

    private final int workerId;
    private final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
    private final TimeoutWatchdog watchdog;
    private final MemoryGuard memory = new MemoryGuard();
    private volatile Channel channel;
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
    }

    void attach(Channel channel) {
        this.channel = channel;
    }

    void enqueue(Message message) {
        inbox.add(message);
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
                // A normal exit: shutdown hooks run (and JVM exit work such as writing an AOT cache).
                WorkerMain.exiting = true;
                // The JVM's exit waits up to 300 ms for threads sitting in native code, such as an
                // event loop in epoll_wait: stop the event loop first.
                channel.eventLoop().parent().shutdownGracefully(0, 0, TimeUnit.MILLISECONDS)
                        .awaitUninterruptibly(1_000);
                WorkerMain.exit(0);
            }
            // Frames only a driver receives, and those the socket thread handles (reject).
            case Message.Hello _, Message.Reject _, Message.BatchDone _, Message.TaskTimedOut _,
                    Message.RunSummary _ -> { }
        }
    }

    private void setUp(Message.RunSetup setup) {
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
     * Runs a batch and sends its outcomes in parts: successes of consecutive shards go
     * packed (one array of results), and a failure, rare, goes in a part of its own kind.
     * A part also goes every {@link #PART_NANOS}, so a worker that dies loses at most that
     * much of the batch it was running. Past its memory limit the worker stops after the
     * current shard and hands the rest back (runtime/ARCHITECTURE.md, "Dispatch").
     */
    private void execute(Message.TaskBatch batch) {
        if (batch.runId() != runId) {
            throw new IllegalStateException("batch for run " + batch.runId() + " but the current run is " + runId);
        }
        int end = batch.firstShard() + batch.count();
        PackedOutcomes.Builder packed = new PackedOutcomes.Builder(batch.firstShard(), batch.attempt());
        List<Message.ShardOutcome> failures = new ArrayList<>();
        long partBytes = 0;
        long partStarted = System.nanoTime();
        for (int shardId = batch.firstShard(); shardId < end; shardId++) {
            Message.ShardOutcome outcome = runShard(shardId, batch.attempt());
            if (outcome.succeeded()) {
                if (!failures.isEmpty()) {
                    send(batch, false, failures, 0);
                    failures = new ArrayList<>();
                    partBytes = 0;
                }
                if (packed.nextShard() != shardId) {
                    // Only when empty: a failure flushed the pack and started it past itself.
                    packed = new PackedOutcomes.Builder(shardId, batch.attempt());
                }
                packed.add(outcome.result(), outcome.nanos());
                partBytes += outcome.result().length;
            } else {
                if (packed.size() > 0) {
                    send(batch, false, packed.build(), 0);
                    packed = new PackedOutcomes.Builder(shardId + 1, batch.attempt());
                    partBytes = 0;
                }
                failures.add(outcome);
                partBytes += outcome.stackTrace().length();
            }
            boolean last = shardId == end - 1;
            long now = System.nanoTime();
            if (!last && memory.overLimit(now)) {
                send(batch, true, failures.isEmpty() ? packed.build() : failures, end - shardId - 1);
                return;
            }
            if (!last && (partBytes > PART_BYTES || packed.size() + failures.size() >= PART_OUTCOMES
                    || now - partStarted >= PART_NANOS)) {
                send(batch, false, failures.isEmpty() ? packed.build() : failures, 0);
                packed = new PackedOutcomes.Builder(shardId + 1, batch.attempt());
                failures = new ArrayList<>();
                partBytes = 0;
                partStarted = now;
            }
        }
        send(batch, true, failures.isEmpty() ? packed.build() : failures, 0);
    }

    private Message.ShardOutcome runShard(int shardId, int attempt) {
        long started = System.nanoTime();
        if (setupError != null) {
            return failed(shardId, attempt, started, setupError);
        }
        @SuppressWarnings("unchecked")
        ShardKernel<Serializable> kernel = (ShardKernel<Serializable>) descriptor.kernel();
        TaskContext context = new TaskContext(descriptor.shards().get(shardId), descriptor.seed(), workerId, attempt,
                resources);
        watchdog.started(shardId, attempt, started);
        try {
            byte[] result = ValueCodec.encode(kernel.run(context));
            if (result.length > MAX_RESULT_BYTES) {
                return failed(shardId, attempt, started, new IllegalStateException("the result of shard " + shardId
                        + " is " + result.length + " bytes, over the " + MAX_RESULT_BYTES + " bytes a result may"
                        + " take: write big data into an output buffer and return a summary"));
            }
            return new Message.ShardOutcome(shardId, attempt, System.nanoTime() - started, true, result, null, null);
        } catch (VirtualMachineError fatal) {
            // Out of memory or a broken VM: end this worker; the driver re-runs its shards elsewhere.
            throw fatal;
        } catch (Throwable error) {
            return failed(shardId, attempt, started, error);
        } finally {
            watchdog.finished();
        }
    }

    private static Message.ShardOutcome failed(int shardId, int attempt, long started, Throwable error) {
        return new Message.ShardOutcome(shardId, attempt, System.nanoTime() - started, false, null, error.toString(),
                stackTrace(error));
    }

    private void send(Message.TaskBatch batch, boolean complete, List<Message.ShardOutcome> outcomes, int unclaimed) {
        CopyLedger.Snapshot copies = CopyLedger.snapshot(0);
        CopyLedger.Snapshot delta = copies.minus(copiesAtLastReport);
        copiesAtLastReport = copies;
        long openNanos = resources == null ? 0 : resources.takeOpenNanos();
        channel.writeAndFlush(new Message.BatchDone(runId, batch.firstShard(), batch.count(), complete,
                delta.events(), delta.bytes(), openNanos, outcomes, unclaimed, memory.privateBytes(), memory.tripped())).addListener(written -> {
                    if (!written.isSuccess()) {
                        written.cause().printStackTrace();
                        WorkerMain.fail("cannot send results to the driver: " + written.cause(),
                                WorkerMain.EXIT_PROTOCOL);
                    }
                });
    }

    private void endRun(Message.RunEnd end) {
        CopyLedger.Snapshot copies = CopyLedger.snapshot();
        CopyLedger.Snapshot delta = copiesAtRunStart == null ? copies : copies.minus(copiesAtRunStart);
        List<Message.CopySite> sites = copies.topCallSites().stream()
                .map(site -> new Message.CopySite(site.site(), site.what(), site.events(), site.bytes())).toList();
        closeResources();
        channel.writeAndFlush(new Message.RunSummary(end.runId(), delta.events(), delta.bytes(), sites));
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
        channel.writeAndFlush(new Message.TaskTimedOut(runId, shardId, attempt, elapsedMillis))
                .awaitUninterruptibly(1_000);
        WorkerMain.fail("shard " + shardId + " ran " + elapsedMillis + " ms, over the task timeout; exiting",
                WorkerMain.EXIT_TIMEOUT);
    }

    private static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
