package dev.shard.runtime.worker;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The worker's first unix socket, opened on a thread of its own from main's first line. A JVM's
 * first unix socket initialises the JDK's {@code sun.nio.ch.UnixDomainSockets}, whose static
 * set-up makes a {@code SecureRandom} for temporary socket names a worker never uses: the
 * {@code java.security} file, the SUN provider and its services, a reflective constructor's
 * method handles (25-45 ms of a worker's main → hello;
 * bench/results/2026-12-02-pool-start-hello.md). No system property or provider list skips it
 * (the random source is a static final field of that class), so it is moved off the main
 * thread instead: it runs while the main thread does the rest of its start.
 */
final class EarlySocket {
    private final FutureTask<SocketChannel> opening =
            new FutureTask<>(() -> SocketChannel.open(StandardProtocolFamily.UNIX));
    private boolean taken;

    private EarlySocket() {
    }

    /** Starts opening the socket now. */
    static EarlySocket start() {
        EarlySocket socket = new EarlySocket();
        Thread.ofPlatform().daemon().name("shard-socket-open").start(socket.opening);
        return socket;
    }

    /**
     * The socket opened in the background, waited for, on the first call; a new one on every
     * later call (a connect attempt that failed closes the socket it used).
     */
    SocketChannel take() throws IOException, InterruptedException {
        if (taken) {
            return SocketChannel.open(StandardProtocolFamily.UNIX);
        }
        taken = true;
        try {
            return opening.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException failure) {
                throw failure;
            }
            throw new IOException("opening the worker's unix socket failed: " + e.getCause(), e.getCause());
        }
    }
}
