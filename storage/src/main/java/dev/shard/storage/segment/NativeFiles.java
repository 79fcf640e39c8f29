package dev.shard.storage.segment;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The few libc calls Java's file API lacks: the effective uid, and {@code fallocate(2)}
 * to reserve a file's blocks up front. Reached through the FFM linker; errno is
 * captured right after the call, before the JVM can overwrite it.
 */
final class NativeFiles {
    static final int ENOSPC = 28;
    static final int EFBIG = 27;
    static final int EINTR = 4;
    static final int EOPNOTSUPP = 95;
    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final VarHandle ERRNO_VALUE = Linker.Option.captureStateLayout()
            .varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle GETEUID = handle("geteuid", FunctionDescriptor.of(ValueLayout.JAVA_INT));
    private static final MethodHandle OPEN = handle("open", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_INT), ERRNO);
    private static final MethodHandle FALLOCATE = handle("fallocate", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), ERRNO);
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT));

    private NativeFiles() {
    }

    /** The user whose files these are: the effective uid of this process. */
    static int effectiveUid() {
        try {
            return (int) GETEUID.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot call geteuid() through the FFM linker", e);
        }
    }

    /**
     * Allocates {@code bytes} of {@code file} for real (mode 0: the size grows to
     * {@code bytes} and every block is reserved). Returns empty on success, else the errno.
     */
    static Optional<Integer> allocate(Path file, long bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int descriptor = (int) OPEN.invokeExact(state, arena.allocateFrom(file.toString()), O_RDWR | O_CLOEXEC);
            if (descriptor < 0) {
                return Optional.of(errno(state));
            }
            try {
                while (true) {
                    int result = (int) FALLOCATE.invokeExact(state, descriptor, 0, 0L, bytes);
                    if (result == 0) {
                        return Optional.empty();
                    }
                    int error = errno(state);
                    if (error != EINTR) {
                        return Optional.of(error);
                    }
                }
            } finally {
                int ignored = (int) CLOSE.invokeExact(descriptor);
            }
        } catch (Throwable e) {
            throw new IllegalStateException("cannot call fallocate() through the FFM linker on " + file, e);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO_VALUE.get(state, 0L);
    }

    private static MethodHandle handle(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment address = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new IllegalStateException("libc has no " + name + "(): shard needs Linux with glibc"));
        return LINKER.downcallHandle(address, descriptor, options);
    }
}
