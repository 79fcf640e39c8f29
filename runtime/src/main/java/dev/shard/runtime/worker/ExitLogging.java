package dev.shard.runtime.worker;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JVM's exit asks for the {@code java.lang.Runtime} logger (it logs {@code Runtime.exit} at
 * debug level), and the first logger of a JVM looks for a {@code System.LoggerFinder} in every
 * jar of the classpath. Netty's JDK logging used to make that lookup during the start; with
 * Netty's warnings on standard error ({@link StandardErrorLoggerFactory}) it moved to the exit,
 * where a pool's stop and a recycle wait for it (17 → 25 ms median, up to 77 ms, from the socket's
 * close to the worker's exit, 20 jars, load 10). Made here on a thread of its own once the
 * worker's first run has ended: the start does not pay for it, nor a first run that decodes no
 * Java-serialized value (one that does, a lambda from the Java API, makes the lookup as it
 * reads it: {@code ObjectInputStream} asks for the serialization filter's logger).
 */
final class ExitLogging {
    private static final AtomicBoolean PREPARED = new AtomicBoolean();

    private ExitLogging() {
    }

    /** Looks the exit's logger up in the background, the first time only. */
    static void prepareOnce() {
        if (!PREPARED.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().daemon().name("shard-prepare-exit")
                .start(() -> System.getLogger("java.lang.Runtime").isLoggable(System.Logger.Level.DEBUG));
    }
}
