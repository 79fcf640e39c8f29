package dev.shard.runtime.driver;

import dev.shard.runtime.protocol.Message;
import java.util.List;

/**
 * The driver's end of one worker's socket, as the conductor sees it: frames out, and an end.
 * Frames in go to that worker's {@link DriverAdapter}.
 */
interface WorkerConnection {
    /**
     * Writes {@code message} whole before returning, on the calling thread (frames to a worker
     * are small and the worker reads all the time). A connection that cannot be written ends:
     * its adapter then sees it closed.
     */
    void send(Message message);

    /**
     * Writes {@code messages} in order, as {@link #send} would one by one; a connection may
     * write them together (one system call, one wake-up of the worker's reader).
     */
    default void sendAll(List<Message> messages) {
        messages.forEach(this::send);
    }

    /** Ends the connection; the worker sees its socket close. Idempotent. */
    void close();
}
