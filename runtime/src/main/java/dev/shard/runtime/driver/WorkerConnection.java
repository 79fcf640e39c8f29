package dev.shard.runtime.driver;

import dev.shard.runtime.protocol.Message;

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

    /** Ends the connection; the worker sees its socket close. Idempotent. */
    void close();
}
