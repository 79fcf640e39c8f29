package dev.shard.runtime.driver;

import dev.shard.runtime.protocol.FrameCodec;
import dev.shard.runtime.protocol.HelloFrame;
import dev.shard.runtime.protocol.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted worker socket, a blocking JDK channel: a reader thread of its own decodes
 * frames and hands them to the connection's {@link DriverAdapter}; senders write on their own
 * thread, one at a time. The handshake (the hello read, the welcome written) uses plain
 * {@link ByteBuffer}s, so a fresh driver counts its workers connected before its first Netty
 * buffer exists; later frames go through {@link FrameCodec}.
 */
final class SocketWorkerConnection implements WorkerConnection, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SocketWorkerConnection.class);
    private static final int READ_BYTES = 64 * 1024;
    private static final int INITIAL_FRAME_BYTES = 4 * 1024;
    /** A buffer grown past this (a large run set-up) is let go after use, so it is not kept for the pool's life. */
    private static final int KEPT_BYTES = 1024 * 1024;

    private final SocketChannel channel;
    private final DriverAdapter adapter;
    private final Consumer<SocketWorkerConnection> onEnd;
    private ByteBuf frame;
    /** When the write under way began (System.nanoTime), or 0: for the stalled-send watch. */
    private volatile long sendingSinceNanos;

    private SocketWorkerConnection(SocketChannel channel, DriverAdapter adapter, Consumer<SocketWorkerConnection> onEnd) {
        this.channel = channel;
        this.adapter = adapter;
        this.onEnd = onEnd;
    }

    /**
     * Serves an accepted socket on a reader thread of its own (a daemon: it never holds the
     * JVM up); {@code onEnd} hears when it has closed.
     */
    static SocketWorkerConnection serve(SocketChannel channel, byte[] token, DriverConductor conductor, int number,
            Consumer<SocketWorkerConnection> onEnd) {
        DriverAdapter adapter = new DriverAdapter(token, conductor);
        SocketWorkerConnection connection = new SocketWorkerConnection(channel, adapter, onEnd);
        adapter.attach(connection);
        Thread.ofPlatform().daemon().name("shard-driver-reader-" + number).start(connection);
        return connection;
    }

    /** The name the peer bound its socket to, or null (see {@link PeerProcess}). */
    String peerName() throws IOException {
        return channel.getRemoteAddress() instanceof UnixDomainSocketAddress address
                ? address.getPath().toString() : null;
    }

    @Override
    public synchronized void send(Message message) {
        if (!channel.isOpen()) {
            return;
        }
        ByteBuffer bytes;
        if (message instanceof Message.Welcome welcome) {
            bytes = HelloFrame.welcome(welcome);
        } else {
            if (frame == null) {
                frame = Unpooled.buffer(INITIAL_FRAME_BYTES);
            }
            frame.clear();
            FrameCodec.write(message, frame);
            bytes = frame.nioBuffer();
        }
        write(message, bytes);
    }

    private void write(Message message, ByteBuffer bytes) {
        sendingSinceNanos = System.nanoTime();
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            // The worker is gone (or the stalled-send watch closed it): the reader sees the end.
            LOG.debug("cannot send {} to {}: {}", message.getClass().getSimpleName(), adapter, e.toString());
            close();
        } finally {
            sendingSinceNanos = 0;
        }
        if (frame != null && frame.capacity() > KEPT_BYTES) {
            frame = null;
        }
    }

    /** The frames one after another in one buffer, written at once. */
    @Override
    public synchronized void sendAll(List<Message> messages) {
        if (messages.size() == 1) {
            send(messages.getFirst());
            return;
        }
        if (!channel.isOpen() || messages.isEmpty()) {
            return;
        }
        if (frame == null) {
            frame = Unpooled.buffer(INITIAL_FRAME_BYTES);
        }
        frame.clear();
        for (Message message : messages) {
            FrameCodec.write(message, frame);
        }
        write(messages.getFirst(), frame.nioBuffer());
    }

    /** True when a write has been blocked since before {@code nanos} (the worker stopped reading). */
    boolean sendingSince(long nanos) {
        long since = sendingSinceNanos;
        return since != 0 && since - nanos < 0;
    }

    /** Ends the connection from any thread, even one blocked writing to it; the reader then ends. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the connection of {}: {}", adapter, e.toString());
        }
    }

    @Override
    public void run() {
        try {
            ByteBuffer first = ByteBuffer.allocate(READ_BYTES);
            if (!readFrame(first)) {
                return;
            }
            Message.Hello hello = HelloFrame.decode(first.flip());
            if (hello != null) {
                first.position(first.position() + Integer.BYTES + first.getInt(first.position()));
                if (!adapter.onMessage(hello)) {
                    return;
                }
            }
            // Netty's first buffer only now, after the worker is counted connected. Not a hello:
            // the codec reads the frame again and names what it is for the refusal.
            ByteBuf received = Unpooled.buffer(READ_BYTES);
            received.writeBytes(first);
            readFrames(received);
        } catch (IOException e) {
            // Reset by a worker that died, or closed by us.
            LOG.debug("connection of {} ended: {}", adapter, e.toString());
        } catch (RuntimeException e) {
            LOG.warn("connection error from {}: {}", adapter, e.toString());
        } finally {
            close();
            onEnd.accept(this);
            adapter.onClosed();
        }
    }

    /** Reads until {@code buffer} holds one whole frame (it grows for a large one): false at the end of the stream. */
    private boolean readFrame(ByteBuffer buffer) throws IOException {
        while (buffer.position() < Integer.BYTES || buffer.position() < Integer.BYTES + buffer.getInt(0)) {
            if (buffer.position() >= Integer.BYTES) {
                int length = buffer.getInt(0);
                if (length <= 0 || length > buffer.capacity() - Integer.BYTES) {
                    throw new IllegalStateException("a first frame of " + length + " bytes is no hello (not a shard peer)");
                }
            }
            if (channel.read(buffer) < 0) {
                return false;
            }
        }
        return true;
    }

    private void readFrames(ByteBuf received) throws IOException {
        while (true) {
            Message message;
            while ((message = FrameCodec.read(received)) != null) {
                if (!adapter.onMessage(message)) {
                    return;
                }
            }
            if (!received.isReadable() && received.capacity() > KEPT_BYTES) {
                received = Unpooled.buffer(READ_BYTES);
            } else {
                received.discardSomeReadBytes();
            }
            received.ensureWritable(READ_BYTES);
            if (received.writeBytes(channel, READ_BYTES) < 0) {
                return;
            }
        }
    }

    @Override
    public String toString() {
        return adapter.toString();
    }
}
