package dev.shard.runtime.worker;

import dev.shard.runtime.protocol.FrameCodec;
import dev.shard.runtime.protocol.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * Receives frames from the driver on a thread of its own and hands them to the worker's
 * conductor thread, so a long task never keeps the next batch from being read (the prefetch).
 * A blocking read on a JDK unix socket: see {@link DriverProxy} for why not an event loop.
 */
final class WorkerAdapter implements Runnable {
    private static final int READ_BYTES = 64 * 1024;
    private static final int KEPT_BUFFER_BYTES = 1024 * 1024;

    private final SocketChannel channel;
    private final WorkerConductor conductor;

    private WorkerAdapter(SocketChannel channel, WorkerConductor conductor) {
        this.channel = channel;
        this.conductor = conductor;
    }

    /** Starts reading; a daemon thread, so it never holds the JVM's exit up. */
    static void start(SocketChannel channel, WorkerConductor conductor) {
        Thread.ofPlatform().daemon().name("shard-driver-reader").start(new WorkerAdapter(channel, conductor));
    }

    @Override
    public void run() {
        ByteBuf received = Unpooled.buffer(READ_BYTES);
        try {
            while (true) {
                received.ensureWritable(READ_BYTES);
                if (received.writeBytes(channel, READ_BYTES) < 0) {
                    closed();
                    return;
                }
                Message message;
                while ((message = FrameCodec.read(received)) != null) {
                    dispatch(message);
                }
                if (!received.isReadable() && received.capacity() > KEPT_BUFFER_BYTES) {
                    // A large frame (a run's setup) was read: let its buffer go, so it is not counted as drift.
                    received = Unpooled.buffer(READ_BYTES);
                } else {
                    received.discardSomeReadBytes();
                }
            }
        } catch (IOException e) {
            // Closed by this worker on exit, or reset by a driver that died.
            closed();
        } catch (RuntimeException e) {
            e.printStackTrace();
            WorkerMain.fail("protocol error: " + e, WorkerMain.EXIT_REJECTED);
        }
    }

    private void dispatch(Message message) {
        switch (message) {
            case Message.Reject reject -> WorkerMain.fail("driver refused this worker: " + reject.reason(),
                    WorkerMain.EXIT_REJECTED);
            case Message.Shutdown ignored -> conductor.shutdown();
            // Here, not in the conductor's queue: the conductor may be inside a long shard.
            case Message.HandBack handBack -> conductor.handBack(handBack);
            case Message.Hello _, Message.Welcome _, Message.RunSetup _, Message.TaskBatch _, Message.BatchDone _,
                    Message.TaskTimedOut _, Message.RunEnd _, Message.RunSummary _ -> conductor.enqueue(message);
        }
    }

    private static void closed() {
        if (WorkerMain.exiting) {
            return;
        }
        WorkerMain.fail("connection to the driver closed; exiting", WorkerMain.EXIT_DRIVER_GONE);
    }
}
