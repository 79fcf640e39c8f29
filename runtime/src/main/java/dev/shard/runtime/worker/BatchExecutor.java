package dev.shard.runtime.worker;

import dev.shard.runtime.protocol.Message;
import dev.shard.runtime.protocol.PackedOutcomes;
import dev.shard.runtime.task.RunDescriptor;
import dev.shard.runtime.task.ShardKernel;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shards of one batch and hands their outcomes over in parts: successes of
 * consecutive shards packed (results encoded straight into one reused array), a
 * failure, rare, in a part of its own kind. The hot path of a tiny task makes no object
 * of its own here: the context and the pack are this worker's, reused task after task,
 * a shard's {@code Shard} is made only if its kernel asks for it, and the task reads the
 * clock once and publishes itself to the watchdog without a memory fence (what remains is
 * whatever the kernel makes and returns).
 */
final class BatchExecutor {
    /** Results are sent in parts of about this size, well under the frame limit. */
    private static final long PART_BYTES = 8L * 1024 * 1024;
    private static final int PART_OUTCOMES = 65_536;
    static final int MAX_RESULT_BYTES = 32 * 1024 * 1024;
    /**
     * Results of a running batch go to the driver at least this often: what a worker's death
     * loses of its current batch is bounded by time, not by the batch's size.
     */
    static final long PART_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /**
     * Where the parts go: {@code complete} on the batch's last part; {@code unclaimed} shards
     * at the batch's end were not run (handed back past the memory limit).
     */
    interface PartSink {
        void send(boolean complete, List<Message.ShardOutcome> outcomes, int unclaimed);
    }

    private final TaskContext context;
    private final TimeoutWatchdog watchdog;
    private final PackedOutcomes.Builder packed = new PackedOutcomes.Builder(0, 1);
    /** The clock reading at the end of the shard last run ({@link #runShard}). */
    private long shardEnded;

    BatchExecutor(int workerId, TimeoutWatchdog watchdog) {
        this.context = new TaskContext(workerId);
        this.watchdog = watchdog;
    }

    /** @param setupError why the run could not be set up (every shard fails with it), or null */
    void execute(Message.TaskBatch batch, RunDescriptor descriptor, RunResources resources, Throwable setupError,
            MemoryGuard memory, PartSink sink) {
        int attempt = batch.attempt();
        int end = batch.firstShard() + batch.count();
        packed.reset(batch.firstShard(), attempt);
        List<Message.ShardOutcome> failures = new ArrayList<>(0);
        long partBytes = 0;
        long partStarted = System.nanoTime();
        if (setupError == null) {
            context.forRun(descriptor.seed(), descriptor.shards(), resources);
        }
        // One clock reading per shard: a shard's end is the next one's start (the packing
        // between them counts to the next shard), and serves the watchdog and the part checks.
        long started = partStarted;
        for (int shardId = batch.firstShard(); shardId < end; shardId++) {
            Throwable error = setupError;
            Serializable value = null;
            shardEnded = started;
            if (error == null) {
                try {
                    value = runShard(descriptor, shardId, attempt, started);
                } catch (VirtualMachineError fatal) {
                    // Out of memory or a broken VM: end this worker; the driver re-runs its shards elsewhere.
                    throw fatal;
                } catch (Throwable thrown) {
                    error = thrown;
                }
            }
            long now = shardEnded;
            if (error == null) {
                if (!failures.isEmpty()) {
                    sink.send(false, failures, 0);
                    failures = new ArrayList<>(0);
                    partBytes = 0;
                }
                if (packed.nextShard() != shardId) {
                    // Only when empty: a failure flushed the pack and started it past itself.
                    packed.reset(shardId, attempt);
                }
                error = pack(shardId, value, started, now);
                now = shardEnded;
            }
            if (error == null) {
                partBytes = packed.resultBytes();
            } else {
                if (packed.size() > 0) {
                    sink.send(false, packed.build(), 0);
                    partBytes = 0;
                }
                packed.reset(shardId + 1, attempt);
                Message.ShardOutcome failure = failed(shardId, attempt, started, error);
                failures.add(failure);
                partBytes += failure.stackTrace().length();
                // A failure's stack trace takes time of its own: the next shard starts now.
                now = System.nanoTime();
            }
            boolean last = shardId == end - 1;
            started = now;
            if (!last && memory.overLimit(now)) {
                sink.send(true, failures.isEmpty() ? packed.build() : failures, end - shardId - 1);
                return;
            }
            if (!last && (partBytes > PART_BYTES || packed.size() + failures.size() >= PART_OUTCOMES
                    || now - partStarted >= PART_NANOS)) {
                sink.send(false, failures.isEmpty() ? packed.build() : failures, 0);
                packed.reset(shardId + 1, attempt);
                failures = new ArrayList<>(0);
                partBytes = 0;
                // Sending the part is no shard's time.
                now = System.nanoTime();
                partStarted = now;
                started = now;
            }
        }
        sink.send(true, failures.isEmpty() ? packed.build() : failures, 0);
    }

    /** Runs one shard; {@link #shardEnded} is then the clock reading at its end (also when it threw). */
    private Serializable runShard(RunDescriptor descriptor, int shardId, int attempt, long started) throws Exception {
        @SuppressWarnings("unchecked")
        ShardKernel<Serializable> kernel = (ShardKernel<Serializable>) descriptor.kernel();
        context.moveTo(shardId, attempt);
        watchdog.started(shardId, attempt, started);
        if (RunTrace.ON) {
            RunTrace.mark("start", shardId, System.nanoTime());
        }
        try {
            return kernel.run(context);
        } finally {
            long ended = System.nanoTime();
            shardEnded = ended;
            if (RunTrace.ON) {
                RunTrace.mark("end", shardId, ended);
            }
            watchdog.finished(ended);
        }
    }

    /**
     * Encodes the shard's value into the pack; returns why it cannot be sent, or null. A value
     * that is not a number is serialized, which can take long (a stage's partials): its
     * encoding counts to the shard's time, and {@link #shardEnded} moves past it.
     */
    private Throwable pack(int shardId, Serializable value, long started, long ended) {
        int length;
        try {
            length = packed.append(value);
        } catch (RuntimeException e) {
            return e;
        }
        if (length > MAX_RESULT_BYTES) {
            packed.discard();
            return new IllegalStateException("the result of shard " + shardId + " is " + length
                    + " bytes, over the " + MAX_RESULT_BYTES + " bytes a result may take: write big data into an"
                    + " output buffer and return a summary");
        }
        long end = packed.appendedCompact() ? ended : System.nanoTime();
        shardEnded = end;
        if (RunTrace.ON) {
            RunTrace.mark("encoded", shardId, end);
        }
        packed.commit(end - started);
        return null;
    }

    private static Message.ShardOutcome failed(int shardId, int attempt, long started, Throwable error) {
        return new Message.ShardOutcome(shardId, attempt, System.nanoTime() - started, false, null, error.toString(),
                stackTrace(error));
    }

    private static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
