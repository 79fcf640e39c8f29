package dev.shard.storage.segment;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The few libc calls Java's file API lacks: the effective uid, and {@code fallocate(2)}
 * to reserve a file's blocks up front. Reached through the FFM linker; errno is
 * captured right after the call, before the JVM can overwrite it.
 *
 * <p>Each call's handle is made on first use, in a holder of its own: making one spins a
 * stub class (10-30 ms each in a fresh JVM on 2 busy cores), and the usual path, a segment
 * created through a {@code FileChannel} this process holds open, needs only
 * {@code fallocate} on that channel's descriptor ({@link OpenDescriptors}), not
 * {@code open}, {@code close} or {@code geteuid}, for its first creations.
 */
final class NativeFiles {
    static final int ENOSPC = 28;
    static final int EFBIG = 27;
    static final int EINTR = 4;
    static final int EOPNOTSUPP = 95;
    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;
    /**
     * Reservations that look up the caller's descriptor in /proc (0.3-0.5 ms each, 2 ms the
     * first, measured at load 13; one readlink per open descriptor) before this process makes
     * the open and close handles once and calls them directly (microseconds): a short command
     * never makes them, a process creating thousands of segments pays the lookups 16 times.
     */
    private static final int LOOKUPS_BEFORE_OPENING = 16;
    private static final AtomicInteger RESERVATIONS = new AtomicInteger();

    private NativeFiles() {
    }

    /** The user whose files these are: the effective uid of this process. */
    static int effectiveUid() {
        try {
            return (int) Geteuid.HANDLE.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot call geteuid() through the FFM linker", e);
        }
    }

    /** Makes the handle {@link #allocate} needs, so that a later first create does not wait for it. */
    static void prepareAllocate() {
        Fallocate.HANDLE.type();
    }

    /**
     * Allocates {@code bytes} of {@code file} for real (mode 0: the size grows to
     * {@code bytes} and every block is reserved). The caller may hold the file open for
     * writing; that descriptor is used, else the file is opened here. Returns empty on
     * success, else the errno.
     */
    static Optional<Integer> allocate(Path file, long bytes) {
        OptionalInt held = RESERVATIONS.getAndIncrement() < LOOKUPS_BEFORE_OPENING
                ? OpenDescriptors.writableDescriptorOf(file) : OptionalInt.empty();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            if (held.isPresent()) {
                return fallocate(state, held.getAsInt(), bytes);
            }
            int descriptor = (int) Open.HANDLE.invokeExact(state, arena.allocateFrom(file.toString()),
                    O_RDWR | O_CLOEXEC);
            if (descriptor < 0) {
                return Optional.of(errno(state));
            }
            try {
                return fallocate(state, descriptor, bytes);
            } finally {
                int ignored = (int) Close.HANDLE.invokeExact(descriptor);
            }
        } catch (Throwable e) {
            throw new IllegalStateException("cannot call fallocate() through the FFM linker on " + file, e);
        }
    }

    private static Optional<Integer> fallocate(MemorySegment state, int descriptor, long bytes) throws Throwable {
        while (true) {
            int result = (int) Fallocate.HANDLE.invokeExact(state, descriptor, 0, 0L, bytes);
            if (result == 0) {
                return Optional.empty();
            }
            int error = errno(state);
            if (error != EINTR) {
                return Optional.of(error);
            }
        }
    }

    private static int errno(MemorySegment state) {
        return (int) Errno.VALUE.get(state, 0L);
    }

    private static MethodHandle handle(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Linker linker = Linker.nativeLinker();
        MemorySegment address = linker.defaultLookup().find(name)
                .orElseThrow(() -> new IllegalStateException("libc has no " + name + "(): shard needs Linux with glibc"));
        return linker.downcallHandle(address, descriptor, options);
    }

    private static final class Errno {
        static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
        static final VarHandle VALUE = Linker.Option.captureStateLayout()
                .varHandle(MemoryLayout.PathElement.groupElement("errno"));
    }

    private static final class Geteuid {
        static final MethodHandle HANDLE = handle("geteuid", FunctionDescriptor.of(ValueLayout.JAVA_INT));
    }

    private static final class Fallocate {
        static final MethodHandle HANDLE = handle("fallocate", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                Errno.CAPTURE);
    }

    private static final class Open {
        static final MethodHandle HANDLE = handle("open", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.JAVA_INT), Errno.CAPTURE);
    }

    private static final class Close {
        static final MethodHandle HANDLE = handle("close", FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT));
    }
}
