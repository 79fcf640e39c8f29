package dev.shard.runtime.worker;

import dev.shard.runtime.protocol.FrameCodec;
import dev.shard.runtime.protocol.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Receives frames from the driver and has the worker's conductor handle them, on two threads
 * that take turns (leader and follower): one holds the socket and reads, the other handles
 * what was read, in order. The thread whose read brings a frame while nothing is being handled
 * handles it itself and leaves the reading to the other, so a batch that reaches an idle
 * worker starts on the thread the socket woke, without a second wake-up; the other thread
 * wakes to read while the batch runs, off its path. Some thread reads at every moment but the
 * hand-over, as the former lone reader did: a long task never keeps the next batch from being
 * read (the prefetch), and a socket closed by the driver is noticed while a shard runs.
 *
 * <p>Only one thread is in the conductor at a time, and the turns pass under one lock, so the
 * conductor's state (and the read buffer) are seen whole by the thread that takes over. A
 * blocking read on a JDK unix socket: see {@link DriverProxy} for why not an event loop.
 */
final class WorkerAdapter {
    private static final int READ_BYTES = 64 * 1024;
    private static final int KEPT_BUFFER_BYTES = 1024 * 1024;
    /** While idle, kept views whose files are gone are let go this often, so released memory returns. */
    private static final long IDLE_SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** What handles the frames: the worker's conductor. */
    interface FrameHandler {
        /** Handles one frame; ends the worker when it cannot. */
        void handleOrExit(Message message);

        /** True while an idle sweep has something to let go. */
        boolean keepsViews();

        /** Called while idle, about every second, while {@link #keepsViews()}. */
        void sweepIdle();
    }

    private final SocketChannel channel;
    private final FrameHandler conductor;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the socket is free to be read by a waiting thread. */
    private final Condition socketFree = lock.newCondition();
    /** Frames read and not yet handled, in the driver's order (guarded by {@link #lock}). */
    private final ArrayDeque<Message> pending = new ArrayDeque<>();
    /** A thread holds the socket (guarded by {@link #lock}). */
    private boolean reading;
    /** A thread is in the conductor (guarded by {@link #lock}). */
    private boolean handling;
    /** The conductor keeps views that an idle sweep may let go (guarded by {@link #lock}). */
    private boolean sweepWanted;
    /** Used only by the thread holding the socket; passed on with the turn. */
    private ByteBuf received = Unpooled.buffer(READ_BYTES);

    WorkerAdapter(SocketChannel channel, FrameHandler conductor) {
        this.channel = channel;
        this.conductor = conductor;
    }

    /**
     * Starts the second thread (a daemon, so it never holds the JVM's exit up) and takes turns
     * on the calling one; returns only when the connection ended while the worker exits.
     */
    static void run(SocketChannel channel, FrameHandler conductor) {
        WorkerAdapter adapter = new WorkerAdapter(channel, conductor);
        Thread.ofPlatform().daemon().name("shard-worker-turns").start(adapter::takeTurns);
        adapter.takeTurns();
    }

    /** One of the two threads' loop; returns when the connection ended. */
    void takeTurns() {
        lock.lock();
        try {
            while (true) {
                if (!handling && !pending.isEmpty()) {
                    handlePending();
                } else if (!reading) {
                    if (!readTurn()) {
                        return;
                    }
                } else if (sweepWanted && !handling) {
                    if (socketFree.awaitNanos(IDLE_SWEEP_NANOS) <= 0 && !handling && pending.isEmpty()) {
                        sweepIdle();
                    }
                } else {
                    socketFree.await();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Frames read and not yet handled (for tests of the prefetch). */
    int pendingFrames() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** Handles every pending frame in order, outside the lock; called and returns with the lock held. */
    private void handlePending() {
        handling = true;
        try {
            Message message;
            while ((message = pending.poll()) != null) {
                lock.unlock();
                try {
                    conductor.handleOrExit(message);
                } finally {
                    lock.lock();
                }
            }
            sweepWanted = conductor.keepsViews();
        } finally {
            handling = false;
        }
    }

    private void sweepIdle() {
        handling = true;
        lock.unlock();
        try {
            conductor.sweepIdle();
        } finally {
            lock.lock();
            handling = false;
        }
        sweepWanted = conductor.keepsViews();
    }

    /**
     * Reads until at least one whole frame has arrived, outside the lock, and queues what was
     * read; the socket is then free for the other thread. False when the connection ended.
     */
    private boolean readTurn() {
        reading = true;
        lock.unlock();
        boolean open = false;
        try {
            open = readFrames();
        } finally {
            lock.lock();
            reading = false;
            socketFree.signal();
        }
        return open;
    }

    private boolean readFrames() {
        try {
            int queued = 0;
            while (queued == 0) {
                received.ensureWritable(READ_BYTES);
                if (received.writeBytes(channel, READ_BYTES) < 0) {
                    closed();
                    return false;
                }
                Message message;
                while ((message = FrameCodec.read(received)) != null) {
                    if (accept(message)) {
                        queued++;
                    }
                }
                if (!received.isReadable() && received.capacity() > KEPT_BUFFER_BYTES) {
                    // A large frame (a run's setup) was read: let its buffer go, so it is not counted as drift.
                    received = Unpooled.buffer(READ_BYTES);
                } else {
                    received.discardSomeReadBytes();
                }
            }
            return true;
        } catch (IOException e) {
            // Closed by this worker on exit, or reset by a driver that died.
            closed();
            return false;
        } catch (RuntimeException e) {
            e.printStackTrace();
            WorkerMain.fail("protocol error: " + e, WorkerMain.EXIT_REJECTED);
            return false;
        }
    }

    /** Queues a frame for the conductor (true), or acts on it at once (a refusal). */
    private boolean accept(Message message) {
        switch (message) {
            case Message.Reject reject -> {
                WorkerMain.fail("driver refused this worker: " + reject.reason(), WorkerMain.EXIT_REJECTED);
                return false;
            }
            case Message.Hello _, Message.Welcome _, Message.RunSetup _, Message.TaskBatch _, Message.BatchDone _,
                    Message.TaskTimedOut _, Message.RunEnd _, Message.RunSummary _, Message.Shutdown _ -> {
                if (RunTrace.ON) {
                    int shard = message instanceof Message.TaskBatch batch ? batch.firstShard() : -1;
                    RunTrace.mark("got-" + message.getClass().getSimpleName(), shard, System.nanoTime());
                }
                // Under the lock the other thread may be waiting on: taken briefly, per frame read.
                lock.lock();
                try {
                    pending.add(message);
                } finally {
                    lock.unlock();
                }
                return true;
            }
        }
    }

    private static void closed() {
        if (WorkerMain.exiting) {
            return;
        }
        WorkerMain.fail("connection to the driver closed; exiting", WorkerMain.EXIT_DRIVER_GONE);
    }
}
