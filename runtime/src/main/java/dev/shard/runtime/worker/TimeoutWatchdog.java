package dev.shard.runtime.worker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

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
    private static final VarHandle SHARD_ID;

    static {
        try {
            SHARD_ID = MethodHandles.lookup().findVarHandle(TimeoutWatchdog.class, "shardId", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long timeoutNanos;
    /**
     * Written by the task thread before it publishes {@link #shardId} with a release store,
     * read by the watching thread after its acquiring read: a tiny task pays no memory fence
     * (a volatile store each would be four per task). A watcher that reads a newer start than
     * the shard it saw only under-estimates the elapsed time, for one look.
     */
    private long startedNanos;
    private int attempt;
    @SuppressWarnings("unused") // through SHARD_ID
    private int shardId = -1;
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
        SHARD_ID.setRelease(this, shard);
    }

    /**
     * The shard ended. A JVM frozen past the timeout (SIGSTOP, a machine swapping) can wake
     * with the shard finishing before the watching thread's next look: it overran all the
     * same, and is reported the same way, so a timeout never depends on which thread wakes first.
     * {@code endedNanos} is the caller's clock reading at the shard's end (one reading per
     * task serves the watchdog, the shard's time and the next shard's start).
     */
    void finished(long endedNanos) {
        int shard = (int) SHARD_ID.getOpaque(this);
        long limit = timeoutNanos;
        long elapsed = endedNanos - startedNanos;
        SHARD_ID.setRelease(this, -1);
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
            int shard = (int) SHARD_ID.getAcquire(this);
            long limit = timeoutNanos;
            long elapsed = System.nanoTime() - startedNanos;
            if (shard >= 0 && limit > 0 && elapsed > limit) {
                fire(shard, attempt, elapsed);
                return;
            }
        }
    }
}
