package dev.shard.runtime.worker;

/**
 * Watches the running shard from a second thread. Java cannot stop a hung task safely,
 * so a shard over the timeout ends the whole worker (after telling the driver which
 * shard it was); the driver replaces the worker and retries the shard.
 */
final class TimeoutWatchdog {
    private static final long CHECK_MILLIS = 20;

    /** Called once, from the watchdog thread, when a shard overruns. */
    interface Overrun {
        void timedOut(int shardId, int attempt, long elapsedMillis);
    }

    private final Overrun overrun;
    private volatile long timeoutNanos;
    private volatile long startedNanos;
    private volatile int shardId = -1;
    private volatile int attempt;
    private Thread thread;

    TimeoutWatchdog(Overrun overrun) {
        this.overrun = overrun;
    }

    synchronized void configure(long timeoutMillis) {
        timeoutNanos = timeoutMillis * 1_000_000L;
        if (timeoutMillis > 0 && thread == null) {
            thread = Thread.ofPlatform().daemon().name("shard-task-watchdog").start(this::watch);
        }
    }

    void started(int shard, int attemptNumber, long nanos) {
        attempt = attemptNumber;
        startedNanos = nanos;
        shardId = shard;
    }

    void finished() {
        shardId = -1;
    }

    private void watch() {
        while (true) {
            try {
                Thread.sleep(CHECK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            int shard = shardId;
            long limit = timeoutNanos;
            long elapsed = System.nanoTime() - startedNanos;
            if (shard >= 0 && limit > 0 && elapsed > limit) {
                overrun.timedOut(shard, attempt, elapsed / 1_000_000);
                return;
            }
        }
    }
}
