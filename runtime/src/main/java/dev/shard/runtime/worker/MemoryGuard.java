package dev.shard.runtime.worker;

import dev.shard.storage.memory.ProcessMemory;
import java.util.concurrent.TimeUnit;

/**
 * The worker's own check of its memory limit between the shards of a batch. The driver
 * samples every 100 ms and acts at batch boundaries, so a batch of small leaking tasks
 * could carry a worker far past its limit; this reads {@code /proc/self/status} (tens of
 * microseconds) at most once per {@link #CHECK_NANOS} while a limit is set, and says when
 * the worker should stop claiming shards.
 *
 * <p>Private memory does not grow smoothly: a young collection that promotes what the tasks
 * kept touches fresh old-generation pages in one go (tens of MiB with a large eden). So the
 * guard stops once the reading plus the largest step seen so far between two readings would
 * pass the limit: the step that would overshoot is the one not taken.
 */
final class MemoryGuard {
    /**
     * A millisecond: a kernel allocating a whole limit's worth in one second overshoots by
     * at most a thousandth of it between checks, and the reads cost a few percent at most.
     */
    static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final long pid = ProcessHandle.current().pid();
    private long limitBytes;
    private long lastCheckNanos;
    private long privateBytes = -1;
    private long largestStepBytes;
    private boolean tripped;

    /** Sets the limit for the next run (0: none) and forgets the last reading. */
    void configure(long limitBytes) {
        this.limitBytes = limitBytes;
        this.privateBytes = -1;
        this.largestStepBytes = 0;
        this.tripped = false;
        this.lastCheckNanos = 0;
    }

    /**
     * True when the latest reading (refreshed if older than {@link #CHECK_NANOS}), plus the
     * largest step seen, passes the limit. Once true it stays true for the run: the worker
     * is to be recycled, and memory a collector gave back would only be taken again.
     */
    boolean overLimit(long nowNanos) {
        if (limitBytes <= 0) {
            return false;
        }
        if (tripped) {
            return true;
        }
        if (privateBytes < 0 || nowNanos - lastCheckNanos >= CHECK_NANOS) {
            lastCheckNanos = nowNanos;
            long reading = ProcessMemory.readStatus(pid).map(ProcessMemory::privateBytes).orElse(-1L);
            if (privateBytes >= 0 && reading > privateBytes) {
                largestStepBytes = Math.max(largestStepBytes, reading - privateBytes);
            }
            privateBytes = reading;
        }
        tripped = privateBytes >= 0 && privateBytes + largestStepBytes > limitBytes;
        return tripped;
    }

    /** True once this run's guard has stopped the worker. */
    boolean tripped() {
        return tripped;
    }

    /** The latest reading of private memory, -1 when none was taken this run. */
    long privateBytes() {
        return privateBytes;
    }
}
