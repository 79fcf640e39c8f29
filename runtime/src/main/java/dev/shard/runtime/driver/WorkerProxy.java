package dev.shard.runtime.driver;

import dev.shard.runtime.protocol.Message;
import dev.shard.runtime.supervise.RecycleReason;
import dev.shard.storage.memory.ProcessMemory;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The driver's handle on one worker process: sends it frames and keeps what supervision
 * needs (state, in-flight batches, memory figures, tasks done). Guarded by the
 * {@link DriverConductor}'s lock.
 */
final class WorkerProxy {
    final int slot;
    final int workerId;
    final Process process;
    final long spawnedNanos;
    WorkerState state = WorkerState.STARTING;
    Channel channel;
    long connectedNanos;
    StartupCacheUse startupCache = StartupCacheUse.NONE;
    int setUpRunId = -1;
    final Deque<Batch> inFlight = new ArrayDeque<>();
    long lastCompletionNanos;
    long tasksDone;
    long tasksAssigned;
    long baselinePrivateBytes = -1;
    long currentPrivateBytes;
    long peakPrivateBytes;
    long currentRssBytes;
    /** Shared pages at the latest reading; -1 before the first. */
    long currentSharedBytes = -1;
    long peakRssBytes;
    RecycleReason drainReason;
    /** Set when the worker said why it is about to end (task timeout). */
    String pendingDeathCause;

    WorkerProxy(int slot, int workerId, Process process) {
        this.slot = slot;
        this.workerId = workerId;
        this.process = process;
        this.spawnedNanos = System.nanoTime();
    }

    long pid() {
        return process.pid();
    }

    boolean isLive() {
        return state == WorkerState.READY || state == WorkerState.DRAINING;
    }

    /** Milliseconds from spawn to a completed handshake, or -1 while starting. */
    double startupMillis() {
        return connectedNanos == 0 ? -1 : (connectedNanos - spawnedNanos) / 1e6;
    }

    void send(Message message) {
        Channel target = channel;
        if (target != null) {
            target.writeAndFlush(message);
        }
    }

    /** Records one /proc reading; the first one after connecting is the baseline. */
    void sampled(ProcessMemory memory) {
        currentPrivateBytes = memory.privateBytes();
        currentRssBytes = memory.rssBytes();
        currentSharedBytes = memory.sharedBytes();
        if (baselinePrivateBytes < 0) {
            baselinePrivateBytes = memory.privateBytes();
        }
        peakPrivateBytes = Math.max(peakPrivateBytes, memory.privateBytes());
        peakRssBytes = Math.max(peakRssBytes, memory.rssBytes());
    }

    @Override
    public String toString() {
        return "worker " + workerId + " (slot " + slot + ", pid " + pid() + ", " + state + ")";
    }
}
