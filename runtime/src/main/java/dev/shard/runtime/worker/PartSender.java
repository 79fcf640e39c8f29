package dev.shard.runtime.worker;

import dev.shard.runtime.protocol.Message;
import dev.shard.runtime.protocol.PackedOutcomes;
import java.util.ArrayDeque;

/**
 * The conductor's frames to the driver, in order. A small frame is written on the calling
 * thread (it fits the socket's buffer, so the write does not wait, and a tiny task's batch
 * saves the hand-over). A part with large results (a stage's block partials: about a
 * megabyte per shard) is handed to a sender thread instead: a blocking write of it waits
 * for the driver's reader to drain the socket, 3–20 ms measured per W2 shard on 2 cores,
 * which the worker spent idle between shards. Frames queued behind a large one keep their
 * order; the conductor's next shard runs while the part travels. What a worker's death
 * loses is unchanged: a part not yet sent is a part the driver has not seen, and its shards
 * are re-run as before.
 */
final class PartSender {
    /** Result bytes above which a part is sent by the sender thread (the unix socket's buffer is ~200 KiB). */
    static final int ASYNC_RESULT_BYTES = 64 * 1024;

    private final DriverProxy driver;
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    /** True while the sender thread writes a frame it took from the queue. */
    private boolean writing;
    private Thread thread;

    PartSender(DriverProxy driver) {
        this.driver = driver;
    }

    /** Sends {@code message} after every frame posted before it; returns before a large part is written. */
    void post(Message message) {
        synchronized (this) {
            if (queue.isEmpty() && !writing && !large(message)) {
                // Written while holding the lock, so a frame posted meanwhile cannot overtake it.
                driver.send(message);
                return;
            }
            queue.add(message);
            if (thread == null) {
                thread = Thread.ofPlatform().daemon().name("shard-part-sender").start(this::loop);
            }
            notifyAll();
        }
    }

    /** Waits until every posted frame is written (before the worker closes the connection). */
    synchronized void flush() throws InterruptedException {
        while (!queue.isEmpty() || writing) {
            wait();
        }
    }

    private void loop() {
        while (true) {
            Message next;
            synchronized (this) {
                while (queue.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                next = queue.poll();
                writing = true;
            }
            try {
                driver.send(next);
            } finally {
                synchronized (this) {
                    writing = false;
                    notifyAll();
                }
            }
        }
    }

    /** Whether a part was ever large enough to need the sender thread. */
    synchronized boolean hasSenderThread() {
        return thread != null;
    }

    private static boolean large(Message message) {
        return message instanceof Message.BatchDone done && done.outcomes() instanceof PackedOutcomes packed
                && packed.bytes().length > ASYNC_RESULT_BYTES;
    }
}
