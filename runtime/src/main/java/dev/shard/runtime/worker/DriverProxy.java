package dev.shard.runtime.worker;

import dev.shard.runtime.protocol.FrameCodec;
import dev.shard.runtime.protocol.HelloFrame;
import dev.shard.runtime.protocol.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Sends frames to the driver, written on the calling thread over a blocking JDK unix socket.
 * No event loop: a worker's start is on the pool's critical path, and setting up Netty's
 * channel machinery cost a fresh worker JVM about a fifth of its start; a blocking write of
 * a small frame also saves the hand-over to an I/O thread on every batch. Both the conductor
 * and the timeout watchdog send, one at a time.
 */
final class DriverProxy implements AutoCloseable {
    private static final int INITIAL_FRAME_BYTES = 4 * 1024;
    /** A frame buffer grown past this (a batch with large results) is let go after use, so it does not count as drift. */
    private static final int KEPT_FRAME_BYTES = 1024 * 1024;

    private final SocketChannel channel;
    private ByteBuf frame;

    DriverProxy(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Sends the handshake's first frame without Netty's buffers (see {@link HelloFrame}), then
     * sets those up while the driver checks the hello.
     */
    synchronized void hello(Message.Hello hello) {
        write(hello, HelloFrame.encode(hello));
        WorkerStartTimings.mark("hello written");
        frame = Unpooled.buffer(INITIAL_FRAME_BYTES);
    }

    /**
     * Writes {@code message} whole before returning. A failed write means the driver is gone
     * (it closed the socket or died): the worker ends, as when the reader sees the socket close.
     */
    synchronized void send(Message message) {
        frame.clear();
        FrameCodec.write(message, frame);
        if (RunTrace.ON) {
            RunTrace.mark("encoded-frame-bytes", frame.writerIndex(), System.nanoTime());
        }
        write(message, frame.nioBuffer());
        if (frame.capacity() > KEPT_FRAME_BYTES) {
            frame = Unpooled.buffer(INITIAL_FRAME_BYTES);
        }
    }

    private void write(Message message, ByteBuffer bytes) {
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            if (!WorkerMain.exiting) {
                WorkerMain.fail("cannot send " + message.getClass().getSimpleName() + " to the driver (" + e
                        + "); the driver is gone, exiting", WorkerMain.EXIT_DRIVER_GONE);
            }
        }
    }

    /** Closes the socket; the reader then ends (the worker is exiting: {@link WorkerMain#exiting} is set first). */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            System.err.println("shard worker: closing the driver connection: " + e);
        }
    }
}
