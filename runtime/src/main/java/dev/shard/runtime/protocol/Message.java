package dev.shard.runtime.protocol;

import java.util.List;

/**
 * Every frame exchanged between driver and worker. Frames are small control messages:
 * data never travels over the socket, and a {@link TaskBatch} carries only shard ids,
 * so its size does not depend on the number of shards or the size of the input.
 */
public sealed interface Message {

    /** Worker to driver, first frame: protocol magic and version, who it is, and the run token. */
    record Hello(int magic, int version, int workerId, long pid, byte[] token) implements Message {
    }

    /** Driver to worker: handshake accepted. */
    record Welcome(int version) implements Message {
    }

    /** Driver to worker: handshake refused; the worker exits. */
    record Reject(String reason) implements Message {
    }

    /**
     * Driver to worker, once per worker per run: the serialized run descriptor, and the
     * private memory above which the worker stops a batch early (0: no limit).
     */
    record RunSetup(int runId, long taskTimeoutMillis, long memoryLimitBytes, byte[] descriptor) implements Message {
        public RunSetup(int runId, long taskTimeoutMillis, byte[] descriptor) {
            this(runId, taskTimeoutMillis, 0, descriptor);
        }
    }

    /** Driver to worker: run shards {@code firstShard .. firstShard + count - 1} of run {@code runId}. */
    record TaskBatch(int runId, int firstShard, int count, int attempt) implements Message {
    }

    /** One shard's outcome inside a {@link BatchDone}: a result, or an error with its stack trace. */
    record ShardOutcome(int shardId, int attempt, long nanos, boolean succeeded, byte[] result, String error,
            String stackTrace) {
    }

    /**
     * Worker to driver: outcomes of a batch, with the copies made out of shared memory while
     * running them. Results go in parts as the batch progresses (by size and by time);
     * {@code complete} marks the last. A worker that passed its memory limit stops early:
     * the last {@code unclaimed} shards of the batch did not run and go back to the driver.
     * {@code privateBytes} is the worker's own latest reading of its private memory (-1: none);
     * {@code overMemoryLimit} says the worker stopped for its limit and wants to be recycled.
     */
    record BatchDone(int runId, int firstShard, int count, boolean complete, long copyEvents, long copyBytes,
            long openNanos, List<ShardOutcome> outcomes, int unclaimed, long privateBytes, boolean overMemoryLimit)
            implements Message {
        public BatchDone(int runId, int firstShard, int count, boolean complete, long copyEvents, long copyBytes,
                long openNanos, List<ShardOutcome> outcomes) {
            this(runId, firstShard, count, complete, copyEvents, copyBytes, openNanos, outcomes, 0, -1, false);
        }
    }

    /** Worker to driver, just before the worker ends itself: a shard overran the task timeout. */
    record TaskTimedOut(int runId, int shardId, int attempt, long elapsedMillis) implements Message {
    }

    /**
     * Driver to worker: of the batches of run {@code runId} it holds and has not begun, send the
     * newest {@code batches} back unrun, each as a {@link BatchDone} with every shard unclaimed (a
     * batch it has begun meanwhile runs). Sent when another worker has nothing left to do.
     */
    record HandBack(int runId, int batches) implements Message {
    }

    /** Driver to worker: the run is over; close its inputs and outputs and send a summary. */
    record RunEnd(int runId) implements Message {
    }

    /** A copy call site in a {@link RunSummary}. */
    record CopySite(String site, String what, long events, long bytes) {
    }

    /** Worker to driver: the copies this worker made during the run, by call site. */
    record RunSummary(int runId, long copyEvents, long copyBytes, List<CopySite> sites) implements Message {
    }

    /** Driver to worker: finish and exit. */
    record Shutdown() implements Message {
    }
}
