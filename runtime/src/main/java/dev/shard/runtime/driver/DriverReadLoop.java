package dev.shard.runtime.driver;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread reads every handshaken worker connection of a pool and hands their frames to the
 * conductor. With a reader thread per connection, two workers finishing batches together had
 * their readers pass the conductor's lock between them: the second parked on it and was woken
 * by the first's exit, a futex wake and a context switch per batch on a machine whose cores
 * the workers also need. Here frames of both are handled one after the other on one thread,
 * which takes the lock uncontended (the run's caller waits with it released).
 *
 * <p>A connection joins after its hello (read blocking on its own thread, so a refused peer
 * never reaches this loop) and leaves at the end of its stream, on an error, or when it is
 * closed from any thread ({@link #ended}); its end is then handled on this thread as a reader
 * thread's end was: {@link SocketWorkerConnection#finish}.
 */
final class DriverReadLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverReadLoop.class);

    private final Selector selector;
    private final ConcurrentLinkedQueue<SocketWorkerConnection> joining = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<SocketWorkerConnection> ending = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    private DriverReadLoop(Selector selector) {
        this.selector = selector;
    }

    /** Opens the selector and starts the loop's thread (a daemon: it never holds the JVM up). */
    static DriverReadLoop start() {
        Selector selector;
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector for the workers' connections: " + e, e);
        }
        DriverReadLoop loop = new DriverReadLoop(selector);
        Thread.ofPlatform().daemon().name("shard-driver-reader").start(loop::run);
        return loop;
    }

    /** Reads {@code connection} from now on (its channel already non-blocking); called from any thread. */
    void join(SocketWorkerConnection connection) {
        joining.add(connection);
        selector.wakeup();
        if (closed) {
            // The loop may have ended before it saw the connection: end it here, once.
            connection.finish();
        }
    }

    /** {@code connection} was closed (from any thread): its end is handled on the loop. */
    void ended(SocketWorkerConnection connection) {
        ending.add(connection);
        selector.wakeup();
    }

    private void run() {
        try {
            while (!closed) {
                selector.select();
                register();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid()) {
                        read((SocketWorkerConnection) key.attachment());
                    }
                }
                selector.selectedKeys().clear();
                endClosed();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                LOG.error("the driver stopped reading its workers: {}", e.toString());
            }
        } finally {
            endAll();
        }
    }

    private void register() {
        SocketWorkerConnection connection;
        while ((connection = joining.poll()) != null) {
            try {
                connection.register(selector);
            } catch (IOException e) {
                LOG.debug("connection of {} closed before it was read: {}", connection, e.toString());
                connection.finish();
                continue;
            }
            // Frames that came with the hello, or before the registration, are read now.
            read(connection);
        }
    }

    private void read(SocketWorkerConnection connection) {
        if (!connection.readAvailable()) {
            connection.finish();
        }
    }

    private void endClosed() {
        SocketWorkerConnection connection;
        while ((connection = ending.poll()) != null) {
            connection.finish();
        }
    }

    private void endAll() {
        List<SocketWorkerConnection> open = new ArrayList<>();
        try {
            for (SelectionKey key : selector.keys()) {
                open.add((SocketWorkerConnection) key.attachment());
            }
        } catch (ClosedSelectorException e) {
            // Closed already: the connections below are all that is left.
        }
        open.addAll(joining);
        open.addAll(ending);
        open.forEach(SocketWorkerConnection::finish);
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the workers' selector: {}", e.toString());
        }
    }

    /** Ends the loop: every connection it still reads ends as if closed. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
    }
}
