package dev.shard.runtime.worker;

import dev.shard.runtime.api.ShardKernel;
import dev.shard.runtime.protocol.Message;
import dev.shard.runtime.protocol.RunDescriptor;
import dev.shard.runtime.protocol.ValueCodec;
import dev.shard.storage.copy.CopyLedger;
import io.netty.channel.Channel;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The worker's single control loop: takes run setups, task batches and run ends in the
 * order the driver sent them and executes them on this thread. The socket thread only
 * enqueues, so a long task never blocks reading the next batch (the prefetch).
 */
final class WorkerConductor {
    private final int workerId;
    private final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
    private final TimeoutWatchdog watchdog;
    private volatile Channel channel;
    private int runId = -1;
    private RunDescriptor descriptor;
    private RunResources resources;
    private CopyLedger.Snapshot copiesAtLastReport;
    private CopyLedger.Snapshot copiesAtRunStart;

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
            switch (inbox.take()) {
                case Message.Welcome ignored -> { }
                case Message.RunSetup setup -> setUp(setup);
                case Message.TaskBatch batch -> execute(batch);
                case Message.RunEnd end -> endRun(end);
                case Message.Shutdown ignored -> {
                    closeResources();
                    channel.close().awaitUninterruptibly(1_000);
                    System.exit(0);
                }
                default -> { }
            }
        }
    }

    private void setUp(Message.RunSetup setup) {
        closeResources();
        runId = setup.runId();
        descriptor = (RunDescriptor) ValueCodec.decode(setup.descriptor());
        resources = new RunResources(descriptor);
        watchdog.configure(setup.taskTimeoutMillis());
        copiesAtRunStart = CopyLedger.snapshot(0);
        copiesAtLastReport = copiesAtRunStart;
    }

    private void execute(Message.TaskBatch batch) {
        if (batch.runId() != runId) {
            throw new IllegalStateException("batch for run " + batch.runId() + " but the current run is " + runId);
        }
        @SuppressWarnings("unchecked")
        ShardKernel<Serializable> kernel = (ShardKernel<Serializable>) descriptor.kernel();
        List<Message.ShardOutcome> outcomes = new ArrayList<>(batch.count());
        for (int shardId = batch.firstShard(); shardId < batch.firstShard() + batch.count(); shardId++) {
            TaskContext context = new TaskContext(descriptor.shards().get(shardId), descriptor.seed(), workerId,
                    batch.attempt(), resources);
            long started = System.nanoTime();
            watchdog.started(shardId, batch.attempt(), started);
            try {
                Serializable result = kernel.run(context);
                outcomes.add(new Message.ShardOutcome(shardId, batch.attempt(), System.nanoTime() - started, true,
                        ValueCodec.encode(result), null, null));
            } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
                outcomes.add(new Message.ShardOutcome(shardId, batch.attempt(), System.nanoTime() - started, false,
                        null, e.toString(), stackTrace(e)));
            } finally {
                watchdog.finished();
            }
        }
        CopyLedger.Snapshot copies = CopyLedger.snapshot(0);
        CopyLedger.Snapshot delta = copies.minus(copiesAtLastReport);
        copiesAtLastReport = copies;
        channel.writeAndFlush(new Message.BatchDone(runId, batch.firstShard(), batch.count(), delta.events(),
                delta.bytes(), outcomes));
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
