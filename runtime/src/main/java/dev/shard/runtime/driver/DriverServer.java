package dev.shard.runtime.driver;

import dev.shard.runtime.protocol.FrameCodec;
import dev.shard.runtime.protocol.Message;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's unix-socket listener inside the private pool directory: a blocking JDK
 * channel, bound while the workers are spawned (its set-up, tens of ms, is the JDK's
 * SecureRandom; Netty's epoll transport took 110-460 ms of a fresh driver's start: its native
 * library, then its event loop), so it listens before the workers' JVMs reach their connect
 * (bench/results/2026-12-02-pool-start.md). An accepting thread gives every connection a reader
 * thread of its own ({@link SocketWorkerConnection}); every connection must pass the
 * handshake in {@link DriverAdapter} before it can do anything.
 */
final class DriverServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverServer.class);
    /** Connections waiting to be accepted: a pool's workers and their replacements. */
    private static final int BACKLOG = 128;
    /**
     * A worker's reader drains its socket all the time, so a write blocks only while the worker
     * is stopped (SIGSTOP) with a full socket buffer; past this the connection is closed (the
     * worker is lost and replaced), so a blocked send never holds the conductor's lock for long.
     */
    private static final long STALLED_SEND_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long WATCH_PERIOD_MILLIS = 1_000;

    private final Path socket;
    private final ServerSocketChannel listener;
    private final List<SocketWorkerConnection> connections = new ArrayList<>();
    private boolean closed;

    private DriverServer(Path socket, ServerSocketChannel listener) {
        this.socket = socket;
        this.listener = listener;
    }

    /** Listens at {@code socket} and accepts on a thread of its own from now on. */
    static DriverServer listen(Path socket, byte[] token, DriverConductor conductor) {
        ServerSocketChannel listener;
        try {
            listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listener.bind(UnixDomainSocketAddress.of(socket), BACKLOG);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on unix socket " + socket + ": " + e
                    + " (the pool directory must be writable, the path new and under ~100 bytes)", e);
        }
        DriverServer server = new DriverServer(socket, listener);
        Thread.ofPlatform().daemon().name("shard-driver-accept").start(() -> server.acceptAll(token, conductor));
        return server;
    }

    private void acceptAll(byte[] token, DriverConductor conductor) {
        // The first check reads /proc with cold code (7-15 ms measured, 0.3-1.6 ms warm): run it
        // once on our own listener while the workers' JVMs start, not on the first handshake.
        PeerProcess.check(socket.toString(), ProcessHandle.current().pid());
        for (int number = 0; ; number++) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                if (!isClosed()) {
                    LOG.error("the driver stopped accepting workers on {}: {}", socket, e.toString());
                }
                return;
            }
            conductor.markStart("accepted");
            synchronized (this) {
                if (closed) {
                    closeQuietly(channel);
                    return;
                }
                connections.add(SocketWorkerConnection.serve(channel, token, conductor, number, this::forget));
            }
            if (number == 0) {
                // Off the handshake's path: the first frames after it need Netty's buffers, whose
                // first use sets up Netty's platform probing; here it overlaps the other workers' start.
                Thread.ofPlatform().daemon().name("shard-driver-warm").start(() -> {
                    FrameCodec.frameBytes(new Message.TaskBatch(0, 0, 0, 0));
                    watchStalledSends();
                });
            }
        }
    }

    /** Closes connections whose write has been blocked too long, until the server closes. */
    private void watchStalledSends() {
        while (!isClosed()) {
            long limit = System.nanoTime() - STALLED_SEND_NANOS;
            List<SocketWorkerConnection> stalled;
            synchronized (this) {
                stalled = connections.stream().filter(connection -> connection.sendingSince(limit)).toList();
            }
            for (SocketWorkerConnection connection : stalled) {
                LOG.warn("a send to {} has been blocked over {} s (it stopped reading): closing its connection",
                        connection, TimeUnit.NANOSECONDS.toSeconds(STALLED_SEND_NANOS));
                connection.close();
            }
            try {
                Thread.sleep(WATCH_PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void forget(SocketWorkerConnection connection) {
        connections.remove(connection);
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Stops accepting and ends every connection. */
    @Override
    public void close() {
        List<SocketWorkerConnection> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = List.copyOf(connections);
            connections.clear();
        }
        try {
            // Wakes the accepting thread: its accept fails and it ends.
            listener.close();
        } catch (IOException e) {
            LOG.debug("closing the listener on {}: {}", socket, e.toString());
        }
        open.forEach(SocketWorkerConnection::close);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a connection accepted while closing: {}", e.toString());
        }
    }
}
