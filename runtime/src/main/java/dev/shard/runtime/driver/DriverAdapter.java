package dev.shard.runtime.driver;

import dev.shard.runtime.protocol.Message;
import dev.shard.runtime.protocol.ProtocolVersion;
import java.io.IOException;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives one worker's frames, on its connection's reader thread. The first frame must be a
 * {@link Message.Hello} with our magic, version and run token, sent from the process that holds
 * the socket's other end ({@link PeerProcess}), which must be one of the children this pool
 * spawned; anything
 * else is refused and the connection closed. After that, frames go to the conductor.
 */
final class DriverAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(DriverAdapter.class);

    private final byte[] token;
    private final DriverConductor conductor;
    private SocketWorkerConnection connection;
    private WorkerProxy worker;

    DriverAdapter(byte[] token, DriverConductor conductor) {
        this.token = token;
        this.conductor = conductor;
    }

    void attach(SocketWorkerConnection connection) {
        this.connection = connection;
    }

    /** Handles one frame: false when the connection was refused and must end. */
    boolean onMessage(Message message) {
        if (worker != null) {
            conductor.onMessage(worker, message);
            return true;
        }
        if (!(message instanceof Message.Hello hello)) {
            return refuse("expected a hello frame first, got " + message.getClass().getSimpleName());
        }
        conductor.markStart("hello read");
        String problem = check(hello);
        if (problem != null) {
            return refuse(problem);
        }
        conductor.markStart("hello checked");
        worker = conductor.onConnected(hello.workerId(), hello.pid(), connection);
        if (worker == null) {
            return refuse("worker " + hello.workerId() + " (pid " + hello.pid() + ") is not expected by this pool");
        }
        return true;
    }

    private String check(Message.Hello hello) {
        if (hello.magic() != ProtocolVersion.MAGIC) {
            return "not a shard worker (bad magic)";
        }
        if (hello.version() != ProtocolVersion.VERSION) {
            return "protocol version " + hello.version() + " but the driver speaks " + ProtocolVersion.VERSION
                    + " (driver and workers must run the same shard build)";
        }
        if (hello.token() == null || !MessageDigest.isEqual(hello.token(), token)) {
            return "wrong run token";
        }
        try {
            return PeerProcess.check(connection.peerName(), hello.pid());
        } catch (IOException e) {
            return "cannot read the peer's socket name: " + e.getMessage();
        }
    }

    private boolean refuse(String reason) {
        LOG.warn("refused a worker connection: {}", reason);
        connection.send(new Message.Reject(reason));
        return false;
    }

    /** The connection ended (the worker closed it, died, or we closed it). */
    void onClosed() {
        if (worker != null) {
            conductor.onDisconnected(worker);
        }
    }

    @Override
    public String toString() {
        return worker == null ? "an unidentified peer" : worker.toString();
    }
}
