package dev.shard.runtime.worker;

import dev.shard.runtime.protocol.FrameCodec;
import dev.shard.runtime.protocol.Message;
import dev.shard.runtime.protocol.ProtocolVersion;
import dev.shard.runtime.protocol.TaskPathPreparation;
import dev.shard.runtime.task.WorkerInit;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Entry point of a worker JVM. It connects back to its driver over the unix socket named
 * on the command line, proves itself with the run token from its environment, then runs
 * what the driver sends until told to stop — or until the driver goes away, in which
 * case it exits by itself.
 */
public final class WorkerMain {
    /** {@code <run-id>:<worker-id>}, on the command line so operators can find workers. */
    public static final String WORKER_PROPERTY = "shard.worker";
    public static final String SOCKET_PROPERTY = "shard.worker.socket";
    public static final String INIT_PROPERTY = "shard.worker.init";
    /** The driver's pid, so a worker that starts after its driver died knows it (see {@link ParentWatch}). */
    public static final String DRIVER_PROPERTY = "shard.worker.driver";
    /** On the worker recording the AOT cache: train the task path before exiting ({@code StartupTraining}). */
    public static final String TRAIN_PROPERTY = StartupTraining.PROPERTY;
    /** A file, set on the driver: each worker appends the milliseconds from its spawn to each start-up step. */
    public static final String TIMINGS_PROPERTY = WorkerStartTimings.PROPERTY;
    public static final String SPAWNED_PROPERTY = WorkerStartTimings.SPAWNED_PROPERTY;
    /** A file, set on the driver: each worker appends the clock at each step of each run (see {@code RunTrace}). */
    public static final String TRACE_PROPERTY = RunTrace.PROPERTY;
    /** The token travels in the environment, never on the command line where any user could read it. */
    public static final String TOKEN_ENV = "SHARD_WORKER_TOKEN";
    static final int EXIT_DRIVER_GONE = 0;
    static final int EXIT_REJECTED = 2;
    static final int EXIT_INIT_FAILED = 5;
    static final int EXIT_TIMEOUT = 4;
    static final int EXIT_PROTOCOL = 6;
    private static final long CONNECT_PATIENCE_NANOS = 30_000_000_000L;
    private static final long CONNECT_RETRY_MILLIS = 10;
    private static final long EXIT_PATIENCE_MILLIS = 2_000;

    /** Set when the worker exits on the driver's request, so the socket closing is not taken for a lost driver. */
    static volatile boolean exiting;

    private WorkerMain() {
    }

    public static void main(String[] arguments) throws Exception {
        WorkerStartTimings.mark("main entered");
        // Netty's first buffer (made on the thread started below) asks for a logger. Netty's
        // default binds SLF4J, whose provider lookup reads every jar on the classpath (95-165 ms measured between
        // the driver counting the worker as connected and the worker reading its first frame); the
        // JDK's logging, used until 2026-12-02, still set up its log manager and looked for a
        // System.LoggerFinder in every jar. Netty's rare worker-side warnings go to the worker log.
        InternalLoggerFactory.setDefaultFactory(StandardErrorLoggerFactory.INSTANCE);
        // Netty's buffers take tens of ms of a fresh JVM and nothing before the hello needs them:
        // begun now on a thread of their own, they overlap the JDK's unix-socket set-up on this
        // one instead of following the hello.
        Thread.ofPlatform().daemon().name("shard-frame-buffers").start(WorkerMain::prepareFrameBuffers);
        String identity = required(WORKER_PROPERTY);
        int workerId = Integer.parseInt(identity.substring(identity.lastIndexOf(':') + 1));
        String socket = required(SOCKET_PROPERTY);
        String tokenHex = System.getenv(TOKEN_ENV);
        if (tokenHex == null) {
            fail("no " + TOKEN_ENV + " in the environment: workers are started by a shard Pool", EXIT_REJECTED);
        }
        // The watch first: an init hook that hangs must not outlive a dead driver.
        ParentWatch.start();
        WorkerStartTimings.mark("driver watch started");
        runInitHook(workerId);

        WorkerConductor conductor = new WorkerConductor(workerId);
        // Start-up is on the pool's critical path: a blocking JDK unix socket and a reader thread
        // (DriverProxy, WorkerAdapter), no Netty event loop to set up before the first frame.
        WorkerStartTimings.mark("conductor made");
        SocketChannel channel = connect(socket, workerId);
        WorkerStartTimings.mark("connected");
        DriverProxy driver = new DriverProxy(channel);
        conductor.attach(driver);
        // The hello first: the reader's set-up (Netty's buffers) then overlaps the driver's check.
        driver.hello(new Message.Hello(ProtocolVersion.MAGIC, ProtocolVersion.VERSION, workerId,
                ProcessHandle.current().pid(), HexFormat.of().parseHex(tokenHex)));
        WorkerStartTimings.mark("frame buffer made");
        Thread.ofPlatform().daemon().name("shard-prepare").start(() -> {
            prepareMemoryAccess();
            prepareLogging();
            TaskPathPreparation.prepare();
        });
        WorkerAdapter.start(channel, conductor);
        WorkerStartTimings.mark("frames ready");
        WorkerStartTimings.write(workerId);
        conductor.runLoop();
    }

    /**
     * Netty's first buffer sets up its platform probing (unsafe access, cleaner, direct-memory
     * limits: 30-70 ms measured between a worker's hello and its first frame read); the main
     * thread's first buffer, made after the hello, then finds that done or waits for the rest.
     */
    private static void prepareFrameBuffers() {
        FrameCodec.frameBytes(new Message.TaskBatch(0, 0, 0, 0));
    }

    /**
     * The first get or set through a value layout (a kernel's first element, the first buffer
     * header read) initialises the JDK's layout classes, whose static method handles a JDK 25
     * AOT cache does not hold: ten method-handle forms spun on the first shard's clock. Made
     * here on a thread of its own while the worker waits for its first run instead.
     */
    private static void prepareMemoryAccess() {
        ValueLayout.JAVA_LONG_UNALIGNED.varHandle();
        ValueLayout.JAVA_DOUBLE_UNALIGNED.varHandle();
    }

    /**
     * The JDK's first {@code System.Logger} of a JVM looks for a {@code System.LoggerFinder} in every
     * jar of the classpath (the AOT cache spares the worker opening them otherwise). Java
     * deserialization asks for one (the serialization filter's, a run's first serialized value) and
     * so does the exit ({@code Runtime.exit} logs at debug level): made here, after the hello, on
     * this thread instead of there. Netty's JDK logging made it on the main thread before its first
     * frame read, with the JDK's log manager besides.
     */
    private static void prepareLogging() {
        System.getLogger("java.lang.Runtime").isLoggable(System.Logger.Level.DEBUG);
    }

    /**
     * The driver listens right after spawning its workers, so the socket may not accept yet:
     * retry for a while. Our end is bound to a name of its own next to the driver's socket
     * first: the driver matches that name to our pid ({@code PeerProcess} on the driver).
     */
    private static SocketChannel connect(String socket, int workerId) throws InterruptedException {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(socket);
        Path name = Path.of(socket).resolveSibling("worker-" + workerId + ".sock");
        long deadline = System.nanoTime() + CONNECT_PATIENCE_NANOS;
        while (true) {
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                // The JDK's first unix socket sets up a SecureRandom (its security providers) for names it never
                // needs here; on a thread of its own it gained nothing measurable (the main thread has ~3 ms to overlap).
                WorkerStartTimings.mark("socket opened");
                // Left by an attempt that failed: a name binds once.
                Files.deleteIfExists(name);
                channel.bind(UnixDomainSocketAddress.of(name));
                channel.connect(address);
                return channel;
            } catch (IOException e) {
                closeQuietly(channel);
                if (System.nanoTime() > deadline) {
                    fail("cannot connect to the driver at " + socket + ": " + e, EXIT_DRIVER_GONE);
                }
            }
            Thread.sleep(CONNECT_RETRY_MILLIS);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // A socket that never connected: nothing to release but the descriptor.
        }
    }

    private static void runInitHook(int workerId) {
        String hook = System.getProperty(INIT_PROPERTY);
        if (hook == null || hook.isBlank()) {
            return;
        }
        try {
            Class<?> type = Class.forName(hook);
            WorkerInit init = (WorkerInit) type.getDeclaredConstructor().newInstance();
            init.initialize(workerId);
        } catch (Throwable e) {
            e.printStackTrace();
            fail("init hook " + hook + " failed: " + e, EXIT_INIT_FAILED);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            fail("missing -D" + property + ": workers are started by a shard Pool, not by hand", EXIT_REJECTED);
        }
        return value;
    }

    /**
     * Ends the worker. System.exit (Netty's threads would keep the JVM alive otherwise) runs
     * the shutdown hooks that remove segments this worker created; a hook that hangs cannot
     * keep an orphan alive, because a halt follows after {@link #EXIT_PATIENCE_MILLIS}.
     */
    static void fail(String message, int status) {
        System.err.println("shard worker: " + message);
        System.err.flush();
        exit(status);
    }

    /**
     * Exits with {@code status}: shutdown hooks run, and a halt follows if they take longer
     * than {@link #EXIT_PATIENCE_MILLIS}. A halt waits for JVM exit work already under way
     * (writing an AOT cache), so it cannot cut that short.
     */
    static void exit(int status) {
        exiting = true;
        Thread.ofPlatform().daemon().name("shard-exit-guard").start(() -> {
            try {
                Thread.sleep(EXIT_PATIENCE_MILLIS);
            } catch (InterruptedException ignored) {
                // Halt now rather than later.
            }
            Runtime.getRuntime().halt(status);
        });
        System.exit(status);
    }
}
