package dev.shard.runtime.driver;

import dev.shard.runtime.protocol.FrameCodec;
import dev.shard.runtime.protocol.Message;
import dev.shard.storage.segment.SegmentStore;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import org.slf4j.LoggerFactory;

/**
 * The one-time set-ups of a fresh driver JVM's first pool, made ahead on one thread while the
 * caller is still busy with its command line, so that they neither delay the first spawn nor
 * take a core from the starting workers. First the first segment's native call ({@code fallocate}
 * through the FFM linker, ~40 ms: a program's inputs are allocated while, or before, its workers
 * are spawned), then the logging back-end (the pool's classes make their loggers before the first
 * spawn), the JDK's unix-socket set-up (a {@code SecureRandom}: the security providers, 25-45 ms,
 * on the listener's path at the spawn), Netty's buffers (the first frames after the handshakes).
 * A pool or a segment that comes before its step is done waits for that step (a class being
 * initialised) or makes it itself; nothing is made twice.
 */
public final class DriverPreparation {
    private DriverPreparation() {
    }

    /** Starts the preparation on a daemon thread and returns at once. */
    public static Thread startInBackground() {
        return Thread.ofPlatform().daemon().name("shard-driver-prepare").start(DriverPreparation::prepare);
    }

    /** Makes every set-up on the calling thread; a step that fails is left to the pool, which reports it. */
    static void prepare() {
        attempt(SegmentStore::prepare);
        attempt(() -> LoggerFactory.getLogger(DriverConductor.class));
        attempt(DriverPreparation::prepareUnixSockets);
        attempt(() -> FrameCodec.frameBytes(new Message.TaskBatch(0, 0, 0, 0)));
    }

    private static void prepareUnixSockets() {
        try (ServerSocketChannel unused = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            // Opened only for the JDK's one-time set-up; never bound.
        } catch (IOException e) {
            // The pool's own listener meets the same failure and says so.
        }
    }

    /** Runs {@code step}; its failure is not this thread's to report: whoever needs the step meets it again. */
    static void attempt(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            // Left to the step's real use, which reports it with its context.
        }
    }
}
