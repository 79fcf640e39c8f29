package dev.shard.runtime.supervise;

/**
 * The driver's backstop for task timeouts, a pure function of times so it is tested with
 * a fake clock. Workers enforce the timeout themselves, per shard; the driver only acts
 * when a worker is frozen and cannot: a batch of {@code count} shards gets
 * {@code count × timeout} plus a grace period, counted from when the worker could start
 * it (its dispatch, or the end of the batch before it, whichever is later).
 *
 * @param timeoutNanos the per-task timeout; zero disables the backstop
 * @param graceNanos extra time before the driver acts, so the worker's own watchdog goes first
 */
public record TimeoutPolicy(long timeoutNanos, long graceNanos) {

    public boolean overdue(long nowNanos, long dispatchedNanos, long previousCompletionNanos, int count) {
        if (timeoutNanos == 0) {
            return false;
        }
        long started = Math.max(dispatchedNanos, previousCompletionNanos);
        return nowNanos - started > timeoutNanos * count + graceNanos;
    }
}
