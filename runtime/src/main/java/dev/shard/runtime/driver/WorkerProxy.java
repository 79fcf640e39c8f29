package dev.shard.runtime.driver;

import dev.shard.runtime.protocol.Message;
import dev.shard.runtime.supervise.RecycleReason;
import dev.shard.storage.memory.ProcessMemory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The driver's handle on one worker process: sends it frames and keeps what supervision
 * needs (state, memory figures, tasks done) and its window of in-flight batches. The
 * window changes only through the methods below ({@link #dispatched}, {@link #completed},
 * {@link #takeInFlight}); the run's own state lives in {@link RunConductor}. Guarded by
 * the {@link DriverConductor}'s lock.
 */
final class WorkerProxy {
    final int slot;
    final int workerId;
    final Process process;
    final long spawnedNanos;
    WorkerState state = WorkerState.STARTING;
    WorkerConnection connection;
    long connectedNanos;
    StartupCacheUse startupCache = StartupCacheUse.NONE;
    private int setUpRunId = -1;
    private final Deque<Batch> inFlight = new ArrayDeque<>();
    /** Frames held while {@link #cork}ed (the list is kept: a fill is per batch). */
    private final List<Message> held = new ArrayList<>(RunConductor.PREFETCH + 1);
    private boolean corked;
    private long lastCompletionNanos;
    private long tasksDone;
    private long tasksAssigned;
    /** Asked to hand back unbegun batches, and no batch has ended since: it is not asked again meanwhile. */
    private boolean handBackAsked;
    long baselinePrivateBytes = -1;
    long currentPrivateBytes;
    long peakPrivateBytes;
    long currentRssBytes;
    /** Shared pages at the latest reading; -1 before the first. */
    long currentSharedBytes = -1;
    long peakRssBytes;
    RecycleReason drainReason;
    private boolean stoppedForMemory;
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

    /** Sends run {@code runId}'s set-up unless this process already has it. */
    void setUp(Message.RunSetup setup) {
        if (setUpRunId != setup.runId()) {
            send(setup);
            setUpRunId = setup.runId();
        }
    }

    boolean isSetUpFor(int runId) {
        return setUpRunId == runId;
    }

    /** Sends a batch and adds it to the window. */
    void dispatched(Batch batch) {
        inFlight.addLast(batch);
        tasksAssigned += batch.count();
        send(new Message.TaskBatch(batch.runId(), batch.firstShard(), batch.count(), batch.attempt()));
    }

    /** True while the batch is in the window: sent to this process, its end not yet reported. */
    boolean holds(int runId, int firstShard, int count) {
        for (Batch batch : inFlight) {
            if (batch.runId() == runId && batch.firstShard() == firstShard && batch.count() == count) {
                return true;
            }
        }
        return false;
    }

    /**
     * A batch ended (of any run: batches of an earlier run still leave the window, or the worker
     * would starve). Returns true when these were the process's first tasks.
     */
    boolean completed(int runId, int firstShard, int count, int unclaimed) {
        handBackAsked = false;
        inFlight.removeIf(batch -> batch.runId() == runId && batch.firstShard() == firstShard
                && batch.count() == count);
        boolean first = tasksDone == 0;
        tasksDone += count - unclaimed;
        tasksAssigned -= unclaimed;
        lastCompletionNanos = System.nanoTime();
        return first;
    }

    /**
     * Batches of run {@code runId} in the window that cannot have begun: a worker runs its batches
     * in the order they were sent, so all but the oldest of the window.
     */
    int unbegunBatchesOf(int runId) {
        int count = 0;
        boolean oldest = true;
        for (Batch batch : inFlight) {
            if (!oldest && batch.runId() == runId) {
                count++;
            }
            oldest = false;
        }
        return count;
    }

    /** Asks the worker for the newest {@code batches} of its unbegun batches of run {@code runId}. */
    void askHandBack(int runId, int batches) {
        handBackAsked = true;
        send(new Message.HandBack(runId, batches));
    }

    boolean handBackAsked() {
        return handBackAsked;
    }

    /** Empties the window (the process is lost) and returns what it held. */
    List<Batch> takeInFlight() {
        List<Batch> held = List.copyOf(inFlight);
        inFlight.clear();
        return held;
    }

    int inFlightCount() {
        return inFlight.size();
    }

    boolean holdsBatchOf(int runId) {
        for (Batch batch : inFlight) {
            if (batch.runId() == runId) {
                return true;
            }
        }
        return false;
    }

    /** The oldest batch still in flight, or null. */
    Batch oldestInFlight() {
        return inFlight.peekFirst();
    }

    long lastCompletionNanos() {
        return lastCompletionNanos;
    }

    long tasksDone() {
        return tasksDone;
    }

    long tasksAssigned() {
        return tasksAssigned;
    }

    void send(Message message) {
        if (corked) {
            held.add(message);
            return;
        }
        WorkerConnection target = connection;
        if (target != null) {
            target.send(message);
        }
    }

    /**
     * Holds what is sent until {@link #uncork}, which writes it together: a run's set-up and
     * first batches reach the worker in one write, so its reader wakes once, not five times.
     */
    void cork() {
        corked = true;
    }

    void uncork() {
        corked = false;
        if (held.isEmpty()) {
            return;
        }
        try {
            WorkerConnection target = connection;
            if (target != null) {
                target.sendAll(held);
            }
        } finally {
            held.clear();
        }
    }

    /** The worker's own reading of its private memory, sent with its results, and whether it stopped for its limit. */
    void reportedPrivate(long privateBytes, boolean overMemoryLimit) {
        currentPrivateBytes = privateBytes;
        peakPrivateBytes = Math.max(peakPrivateBytes, privateBytes);
        stoppedForMemory |= overMemoryLimit;
    }

    /** True once the worker said it stopped claiming shards for its memory limit: recycle it. */
    boolean stoppedForMemory() {
        return stoppedForMemory;
    }

    /**
     * True when this worker stopped for its memory limit or reads over it after it has
     * worked: it gets no new batch until it is recycled (it would hand every one back).
     */
    boolean heldOverLimit(long memoryLimit) {
        return memoryLimit > 0 && tasksDone > 0 && (stoppedForMemory || currentPrivateBytes > memoryLimit);
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
