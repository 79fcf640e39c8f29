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
    private final java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
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

    /**
     * The shard ended. A JVM frozen past the timeout (SIGSTOP, a machine swapping) can wake
     * with the shard finishing before the watching thread's next look: it overran all the
     * same, and is reported the same way, so a timeout never depends on which thread wakes first.
     */
    void finished() {
        int shard = shardId;
        long limit = timeoutNanos;
        long elapsed = System.nanoTime() - startedNanos;
        shardId = -1;
        if (shard >= 0 && limit > 0 && elapsed > limit) {
            fire(shard, attempt, elapsed);
        }
    }

    private void fire(int shard, int attemptNumber, long elapsedNanos) {
        if (fired.compareAndSet(false, true)) {
            overrun.timedOut(shard, attemptNumber, elapsedNanos / 1_000_000);
        }
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
                fire(shard, attempt, elapsed);
                return;
            }
        }
    }
}
