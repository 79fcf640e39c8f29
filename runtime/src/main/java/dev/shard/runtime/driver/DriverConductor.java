package dev.shard.runtime.driver;

import dev.shard.runtime.protocol.Message;
import dev.shard.runtime.protocol.ProtocolVersion;
import dev.shard.runtime.supervise.MemorySampler;
import dev.shard.runtime.supervise.RecyclePolicy;
import dev.shard.runtime.supervise.RecycleReason;
import dev.shard.runtime.supervise.WorkerMemoryReader;
import dev.shard.runtime.task.PoolStatus;
import dev.shard.storage.memory.ProcessMemory;
import dev.shard.storage.segment.ProcessIdentity;
import dev.shard.storage.segment.RunDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's control of a pool: spawns workers, accepts their handshakes, routes their
 * frames to the current run, replaces workers that die or must be recycled (one
 * replacement at a time), and stops them. Every method runs under this object's lock;
 * waits release it.
 */
public final class DriverConductor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverConductor.class);
    private static final long SAMPLE_PERIOD_MILLIS = 100;
    private static final int MAX_START_FAILURES = 3;
    /** Start times kept for {@link PoolStatus}: enough for a median, bounded on long-lived pools. */
    static final int START_TIMES_KEPT = 256;
    private static final long DISCONNECT_GRACE_MILLIS = 1_000;
    /**
     * How long a recycled worker may take to exit after being told to (its shutdown hooks
     * run; it halts itself after two seconds of them): then it is killed.
     */
    private static final long RECYCLE_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /**
     * How long the worker recording the AOT cache may take to dump its AOT configuration as it
     * exits (under a second quiet): the cache is made from it afterwards by a process nobody
     * waits for (StartupCacheAssembler).
     */
    private static final long RECORDING_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** Backstop only: every connection and a failed start wake the wait for the start. */
    private static final long POLL_START_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    final PoolContext context;
    final RecyclePolicy policy;
    private final Path directory;
    private final WorkerLauncher launcher;
    private final Path socket;
    private final byte[] token;
    private DriverServer server;
    private final MemorySampler sampler;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("shard-supervisor-timer").factory());
    final WorkerProxy[] slots;
    private final java.util.function.Predicate<WorkerProxy> canTake = this::canTake;
    final int[] slotRecycles;
    /** Workers whose process has not exited yet, by worker id. */
    private final Map<Integer, WorkerProxy> workers = new HashMap<>();
    private final ArrayDeque<Double> startupMillis = new ArrayDeque<>();
    private final String identity;
    private int nextWorkerId;
    private int runs;
    WorkerProxy replacement;
    private final WorkerSupervisor supervisor = new WorkerSupervisor(this);
    private int startFailures;
    private String broken;
    private boolean closing;
    /** The run under way, or null: the pool points at it; its state is the run conductor's own. */
    private RunConductor run;
    double poolStartSeconds;
    private volatile StartState startState = StartState.STARTING;
    private RuntimeException startFailure;
    /** Start-up steps for {@code -Dshard.worker.timings}, or null (the common case). */
    private DriverStartTimings startTimings;

    private DriverConductor(PoolContext context) {
        this.context = context;
        this.policy = new RecyclePolicy(context.memoryLimit(), context.hardLimit(), context.driftThreshold(),
                context.maxTasksPerWorker());
        this.directory = PoolDirectory.create();
        this.identity = RunDirectory.runId(ProcessIdentity.current()) + "-" + directory.getFileName();
        byte[] token = RunToken.generate(ProtocolVersion.TOKEN_BYTES);
        Path socket = directory.resolve("driver.sock");
        this.socket = socket;
        this.token = token;
        this.launcher = new WorkerLauncher(identity, directory, socket, token, context);
        this.slots = new WorkerProxy[context.workers()];
        this.slotRecycles = new int[context.workers()];
        this.sampler = new MemorySampler(SAMPLE_PERIOD_MILLIS, this::livePids,
                readings -> supervisor.onSamples(readings));
    }

    /** Starts the pool and waits until every worker has connected. */
    public static DriverConductor start(PoolContext context) {
        return launch(context).awaitStarted();
    }

    /**
     * Spawns the workers and returns at once; a thread of the pool's own opens the socket
     * meanwhile and waits for them to connect while the caller goes on (preparing inputs,
     * planning). Every use of the pool first calls {@link #awaitStarted()}.
     */
    public static DriverConductor launch(PoolContext context) {
        long started = System.nanoTime();
        DriverConductor conductor = new DriverConductor(context);
        conductor.startTimings = DriverStartTimings.startIfAsked();
        Thread.ofPlatform().daemon().name("shard-pool-start").start(() -> conductor.connectAll(started));
        try {
            synchronized (conductor) {
                for (int slot = 0; slot < conductor.slots.length; slot++) {
                    conductor.spawn(slot);
                    conductor.markStart("spawned");
                }
            }
        } catch (RuntimeException e) {
            conductor.stop(Duration.ofSeconds(2));
            throw e;
        }
        return conductor;
    }

    /**
     * Listening while the caller spawns: a fresh JVM's first unix socket costs tens of
     * milliseconds (the JDK sets up a SecureRandom for it), which here overlaps the spawns and
     * is over long before the workers' JVMs reach their connect (100+ ms); the wait for them
     * also overlaps whatever the caller does meanwhile.
     */
    private void connectAll(long started) {
        try {
            markStart("listening from");
            DriverServer listening = DriverServer.listen(socket, token, this);
            markStart("listener bound");
            synchronized (this) {
                if (closing) {
                    listening.close();
                    return;
                }
                server = listening;
                awaitAllReady();
                poolStartSeconds = (System.nanoTime() - started) / 1e9;
                markStart("all connected");
                if (startTimings != null) {
                    startTimings.write();
                }
                startState = StartState.STARTED;
                sampler.start();
                notifyAll();
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                startFailure = e;
                startState = StartState.FAILED;
                notifyAll();
            }
        }
    }

    /**
     * Waits until every worker has connected (at once when they have). A start that
     * failed stops the pool and throws its cause, here and on every later call.
     */
    public DriverConductor awaitStarted() {
        synchronized (this) {
            while (startState == StartState.STARTING && !closing) {
                waitNanos(POLL_START_NANOS);
            }
            if (startState == StartState.STARTED) {
                return this;
            }
        }
        if (startState == StartState.STARTING) {
            throw new IllegalStateException("this pool was stopped before its workers connected");
        }
        stop(Duration.ofSeconds(2));
        throw new IllegalStateException(startFailure.getMessage(), startFailure);
    }

    /** True once the start has ended, connected or failed: {@link #awaitStarted()} then returns or throws at once. */
    public boolean startEnded() {
        return startState != StartState.STARTING || closing;
    }

    /** Records a start-up step for {@code -Dshard.worker.timings} (nothing without it). */
    void markStart(String step) {
        if (startTimings != null) {
            startTimings.mark(step);
        }
    }

    private enum StartState { STARTING, STARTED, FAILED }

    private void awaitAllReady() {
        long deadline = System.nanoTime() + context.startTimeout().toNanos();
        while (!allReady()) {
            if (closing) {
                throw new IllegalStateException("the pool was stopped while its workers were starting");
            }
            if (broken != null) {
                throw new IllegalStateException(broken);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("workers did not connect within " + context.startTimeout()
                        + "; last log lines: " + logTails());
            }
            waitNanos(left);
        }
    }

    private boolean allReady() {
        for (WorkerProxy worker : slots) {
            // A slot is empty until the caller has spawned its worker.
            if (worker == null || worker.state != WorkerState.READY) {
                return false;
            }
        }
        return true;
    }

    private WorkerProxy spawn(int slot) {
        int workerId = nextWorkerId++;
        Process process = launcher.launch(workerId);
        WorkerProxy worker = new WorkerProxy(slot, workerId, process);
        workers.put(workerId, worker);
        slots[slot] = worker;
        if (run != null) {
            run.onSlotRespawned(slot);
        }
        // A thread of our own per worker: the common pool may be busy (or be the caller).
        Thread.ofPlatform().daemon().name("shard-exit-watch-" + workerId).start(() -> {
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                return;
            }
            onProcessExit(worker);
        });
        return worker;
    }

    synchronized WorkerProxy onConnected(int workerId, long pid, WorkerConnection connection) {
        WorkerProxy worker = workers.get(workerId);
        if (worker == null || worker.pid() != pid || worker.state != WorkerState.STARTING) {
            return null;
        }
        worker.connection = connection;
        worker.connectedNanos = System.nanoTime();
        markStart("hello accepted");
        worker.startupCache = launcher.connected(workerId);
        worker.state = WorkerState.READY;
        startFailures = 0;
        startupMillis.addLast(worker.startupMillis());
        if (startupMillis.size() > START_TIMES_KEPT) {
            startupMillis.removeFirst();
        }
        worker.send(new Message.Welcome(ProtocolVersion.VERSION));
        ProcessMemory.readStatus(pid).ifPresent(worker::sampled);
        if (replacement == worker) {
            replacement = null;
            for (WorkerProxy other : slots) {
                supervisor.evaluateBoundary(other);
            }
        }
        dispatch();
        notifyAll();
        return worker;
    }

    synchronized void onMessage(WorkerProxy worker, Message message) {
        switch (message) {
            case Message.BatchDone done -> {
                if (done.privateBytes() >= 0) {
                    worker.reportedPrivate(done.privateBytes(), done.overMemoryLimit());
                }
                boolean current = run != null && done.runId() == run.runId();
                if (!done.complete()) {
                    if (current) {
                        run.onBatchDone(worker, done);
                    }
                    notifyAll();
                    return;
                }
                boolean held = worker.holds(done.runId(), done.firstShard(), done.count());
                boolean first = worker.completed(done.runId(), done.firstShard(), done.count(), done.unclaimed());
                if (current) {
                    run.onBatchArrived(worker, done, held);
                    if (first) {
                        // The baseline is taken warm, after the first tasks have loaded the kernel's classes.
                        worker.baselinePrivateBytes = -1;
                        WorkerMemoryReader.read(worker.pid()).ifPresent(worker::sampled);
                    }
                }
                supervisor.evaluateBoundary(worker);
                supervisor.retireIfDrained(worker);
                // The worker gets its next batch before this one's results are stored: their
                // handling is off its path (runtime/ARCHITECTURE.md, "Dispatch").
                dispatch();
                if (current && run.onBatchResults(worker, done)) {
                    dispatch();
                }
                // Waiters wait for a run's end or a worker leaving READY: waking the driver's
                // thread for every other batch only makes it contend with this one for the lock.
                if (run != null && worker.state == WorkerState.READY && !run.finished(currentWorkers())) {
                    return;
                }
            }
            case Message.TaskTimedOut timedOut -> {
                worker.pendingDeathCause = "ended for overrunning the task timeout on shard " + timedOut.shardId()
                        + " (" + timedOut.elapsedMillis() + " ms)";
                if (run != null && timedOut.runId() == run.runId()) {
                    run.onTimedOut(worker, timedOut);
                }
            }
            case Message.RunSummary summary -> {
                if (run != null) {
                    run.onSummary(worker, summary);
                }
            }
            case Message.Hello _, Message.Welcome _, Message.Reject _, Message.RunSetup _, Message.TaskBatch _,
                    Message.RunEnd _, Message.Shutdown _, Message.HandBack _ ->
                LOG.warn("unexpected {} from {}", message.getClass().getSimpleName(), worker);
        }
        notifyAll();
    }

    /**
     * A closed connection usually means the process is exiting: its exit (moments later)
     * says why. A process that keeps running without its connection is killed. A stopping
     * worker closes its connection before its shutdown hooks run: its exit, not the close,
     * ends it, and {@link #retire} or {@link #stop} bound how long that may take.
     */
    synchronized void onDisconnected(WorkerProxy worker) {
        if (worker.state == WorkerState.STOPPING || worker.state == WorkerState.DEAD || closing) {
            return;
        }
        timers.schedule(() -> {
            synchronized (this) {
                if (worker.state != WorkerState.DEAD) {
                    kill(worker, worker.pendingDeathCause != null ? worker.pendingDeathCause
                            : "connection closed while the process kept running", null);
                }
            }
        }, DISCONNECT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Tells a drained worker to exit. Its exit does the bookkeeping and spawns the
     * replacement, so that two processes never live for one slot; one that does not exit
     * within its patience (a hook that hangs, a frozen JVM) is killed.
     */
    void retire(WorkerProxy worker) {
        worker.state = WorkerState.STOPPING;
        worker.send(new Message.Shutdown());
        if (!closing) {
            long patience = launcher.recordingCache(worker.workerId) ? RECORDING_PATIENCE_NANOS : RECYCLE_PATIENCE_NANOS;
            timers.schedule(() -> {
                if (worker.process.isAlive()) {
                    LOG.warn("{} did not exit within {} ms of being told to; killing it", worker,
                            TimeUnit.NANOSECONDS.toMillis(patience));
                    worker.process.destroyForcibly();
                }
            }, patience, TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void onProcessExit(WorkerProxy worker) {
        int code = worker.process.exitValue();
        launcher.exited(worker.workerId, code);
        String cause = worker.pendingDeathCause != null ? worker.pendingDeathCause : ExitCauses.describe(code,
                launcher.outOfMemoryAdvice());
        String log = PoolDirectory.tail(launcher.logFile(worker.workerId), 1);
        lost(worker, log.isBlank() ? cause : cause + "; last log line: " + log);
        // Reports keep what they need in their slot records; a long-lived pool must not keep every process.
        workers.remove(worker.workerId);
    }

    /** A worker is gone: expected if we stopped it, else a death to report; its work is re-queued. */
    private void lost(WorkerProxy worker, String cause) {
        if (worker.state == WorkerState.DEAD) {
            return;
        }
        WorkerState was = worker.state;
        worker.state = WorkerState.DEAD;
        if (worker.connection != null) {
            worker.connection.close();
        }
        // A stopping worker is lost when it has exited (or was killed over the hard limit).
        if (was != WorkerState.STOPPING && worker.process.isAlive()) {
            worker.process.destroyForcibly();
        }
        if (was != WorkerState.STOPPING) {
            LOG.warn("{} lost: {}", worker, cause);
            if (run != null) {
                run.onDeath(worker, cause);
            }
            worker.takeInFlight();
            if (was == WorkerState.STARTING && ++startFailures >= MAX_START_FAILURES) {
                broken = "workers fail to start (" + startFailures + " in a row); last: " + cause;
            }
        }
        if (run != null) {
            run.onWorkerGone(worker);
        }
        if (replacement == worker) {
            replacement = null;
        }
        if (!closing && broken == null && slots[worker.slot] == worker) {
            try {
                WorkerProxy next = spawn(worker.slot);
                if (was == WorkerState.STOPPING) {
                    replacement = next;
                }
            } catch (RuntimeException e) {
                broken = "cannot start a replacement worker: " + e.getMessage();
            }
        }
        dispatch();
        notifyAll();
    }

    /** Kills a worker at once (hard limit, unresponsive) and re-queues its work. */
    void kill(WorkerProxy worker, String cause, RecycleReason reason) {
        if (worker.state == WorkerState.DEAD || worker.state == WorkerState.STOPPING) {
            return;
        }
        worker.process.destroyForcibly();
        if (reason != null) {
            supervisor.recordRecycle(worker, reason);
            if (run != null) {
                run.onWorkerLost(worker, cause);
            }
            worker.takeInFlight();
            worker.state = WorkerState.STOPPING;
            lost(worker, cause);
            return;
        }
        worker.pendingDeathCause = cause;
        lost(worker, cause);
    }

    void dispatch() {
        if (run == null) {
            return;
        }
        int live = 0;
        for (WorkerProxy worker : slots) {
            if (worker.isLive()) {
                live++;
            }
        }
        // Empty windows first: shards a busy worker handed back go to the one that asked for none.
        // Two passes over the slots, no list: this runs on every batch's end.
        for (int pass = 0; pass < 2; pass++) {
            for (WorkerProxy worker : slots) {
                if ((worker.inFlightCount() == 0) == (pass == 0) && canTake(worker)) {
                    run.fill(worker, live, policy.remainingTasks(worker.tasksAssigned()));
                }
            }
        }
        run.handBackToIdle(slots, canTake);
    }

    /** A ready worker under its memory limit and its task budget: it may be given batches. */
    private boolean canTake(WorkerProxy worker) {
        return worker.state == WorkerState.READY && !worker.heldOverLimit(policy.memoryLimit())
                && policy.remainingTasks(worker.tasksAssigned()) > 0;
    }

    private List<Long> livePids() {
        synchronized (this) {
            List<Long> pids = new ArrayList<>();
            for (WorkerProxy worker : slots) {
                if (worker != null && worker.isLive()) {
                    pids.add(worker.pid());
                }
            }
            return pids;
        }
    }

    /** Applies the task-boundary policy to every idle worker (the end of a run, a health check). */
    void evaluateAll() {
        supervisor.evaluateAll();
    }

    /** True when every slot has a connected worker and no replacement is under way. */
    boolean settled() {
        return replacement == null && allReady();
    }

    /** Starts the pool's next run (the caller checked that none is under way). */
    RunConductor beginRun(byte[] descriptor, int shardCount) {
        run = new RunConductor(++runs, descriptor, shardCount, context.taskTimeout().toMillis(), context.maxRetries(),
                context.memoryLimit());
        return run;
    }

    void endRun(RunConductor ended) {
        if (run == ended) {
            run = null;
        }
    }

    boolean running() {
        return run != null;
    }

    Optional<RunConductor> currentRun() {
        return Optional.ofNullable(run);
    }

    String identity() {
        return identity;
    }

    boolean closing() {
        return closing;
    }

    String broken() {
        return broken;
    }

    List<Double> startupMillis() {
        return List.copyOf(startupMillis);
    }

    /** Workers whose process has not exited yet. */
    synchronized int trackedWorkers() {
        return workers.size();
    }

    List<WorkerProxy> currentWorkers() {
        return List.of(slots);
    }

    /** Waits on this lock for up to {@code nanos}; callers hold the lock. */
    void waitNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for workers", e);
        }
    }

    private String logTails() {
        StringBuilder tails = new StringBuilder();
        for (WorkerProxy worker : slots) {
            if (worker != null && worker.state != WorkerState.READY) {
                tails.append("\n  worker ").append(worker.workerId).append(": ")
                        .append(PoolDirectory.tail(launcher.logFile(worker.workerId), 5));
            }
        }
        return tails.toString();
    }

    /** Asks every worker to exit, waits up to {@code timeout}, then kills what is left. */
    public void stop(Duration timeout) {
        List<WorkerProxy> all;
        List<WorkerProxy> unconnected = new ArrayList<>();
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            notifyAll();
            all = new ArrayList<>(workers.values());
            for (WorkerProxy worker : all) {
                if (worker.state == WorkerState.STARTING) {
                    unconnected.add(worker);
                }
                if (worker.state != WorkerState.DEAD) {
                    worker.state = WorkerState.STOPPING;
                    worker.send(new Message.Shutdown());
                }
            }
        }
        // A worker still starting cannot hear the shutdown and holds no work or data: a pool
        // closed before its workers connected (an input refused at once) must not wait for them.
        unconnected.forEach(worker -> worker.process.destroyForcibly());
        sampler.close();
        timers.shutdownNow();
        long deadline = System.nanoTime() + timeout.toNanos();
        long recordingDeadline = System.nanoTime() + Math.max(timeout.toNanos(), RECORDING_PATIENCE_NANOS);
        for (WorkerProxy worker : all) {
            try {
                long left = Math.max(0, (launcher.recordingCache(worker.workerId) ? recordingDeadline : deadline)
                        - System.nanoTime());
                if (!worker.process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    worker.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                worker.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        // The exit watch publishes a finished AOT recording on its own thread, possibly after this
        // returns: a pool started right after this one would then record the cache again instead of
        // using it. Publishing here too is safe: the second call for a worker does nothing.
        for (WorkerProxy worker : all) {
            if (!worker.process.isAlive()) {
                launcher.exited(worker.workerId, worker.process.exitValue());
            }
        }
        DriverServer listening;
        synchronized (this) {
            listening = server;
        }
        if (listening != null) {
            listening.close();
        }
        PoolDirectory.delete(directory);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}
