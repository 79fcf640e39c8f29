package dev.shard.storage.arrow;

import dev.shard.storage.StorageException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Maps a file copy-on-write ({@code MAP_PRIVATE}, readable and writable) for Arrow views.
 *
 * <p>Why not a read-only mapping: Arrow writes through Unsafe without permission checks,
 * so a stray write into a {@code PROT_READ} mapping kills the JVM with SIGSEGV. In a
 * private mapping the same write lands in a private copy of that one page: no crash, and
 * nobody else (owner, other readers, the file) ever sees it. Pages that are only read
 * stay the shared page-cache/tmpfs pages, so reading is still zero-copy; a page that was
 * written shows up as private memory (RssAnon), which is where such a copy belongs.
 *
 * <p>Why not {@code FileChannel.map(PRIVATE)}: it demands a channel opened for writing,
 * which read-only files and other users' files refuse. {@code mmap(2)} allows a private
 * writable mapping of a file opened read-only, so it is called directly. {@code MAP_NORESERVE}
 * keeps a large mapping from being charged in full against the overcommit limit (only
 * written pages ever need memory of their own).
 */
final class PrivateMapping {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int MAP_PRIVATE = 2;
    private static final int MAP_NORESERVE = 0x4000;
    private static final long MAP_FAILED = -1L;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle OPEN = LINKER.downcallHandle(
            LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
            Linker.Option.firstVariadicArg(2), Linker.Option.captureCallState("errno"));
    private static final MethodHandle MMAP = LINKER.downcallHandle(
            LINKER.defaultLookup().find("mmap").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG),
            Linker.Option.captureCallState("errno"));
    private static final MethodHandle MUNMAP = LINKER.downcallHandle(
            LINKER.defaultLookup().find("munmap").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(
            LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private PrivateMapping() {
    }

    /** Maps all of {@code file}; the mapping is removed when {@code lifetime} closes. */
    static MemorySegment map(Path file, Arena lifetime) {
        long size;
        try {
            size = Files.size(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new StorageException("cannot open Arrow file " + file + ": it does not exist (check the path)", e);
        } catch (java.io.IOException e) {
            throw new StorageException("cannot open Arrow file " + file + ": " + e
                    + " (check the path and that it is readable)", e);
        }
        if (size == 0) {
            throw new StorageException("Arrow file " + file + " is empty (0 bytes): it is not an Arrow IPC file"
                    + " (write it again with an Arrow file writer)");
        }
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment state = scratch.allocate(CALL_STATE);
            int descriptor = (int) OPEN.invokeExact(state, scratch.allocateFrom(file.toString()),
                    O_RDONLY | O_CLOEXEC, 0);
            if (descriptor < 0) {
                throw new StorageException("cannot open Arrow file " + file + ": errno " + errno(state)
                        + " (check that it exists and is readable)");
            }
            MemorySegment address;
            try {
                address = (MemorySegment) MMAP.invokeExact(state, MemorySegment.NULL, size,
                        PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE, descriptor, 0L);
            } finally {
                int ignored = (int) CLOSE.invokeExact(descriptor);
            }
            if (address.address() == MAP_FAILED) {
                throw new StorageException("cannot map Arrow file " + file + " (" + size + " bytes): errno "
                        + errno(state) + " (out of address space or memory map limits? see vm.max_map_count)");
            }
            long mappedSize = size;
            return address.reinterpret(size, lifetime, unmapped -> unmap(unmapped.address(), mappedSize));
        } catch (StorageException e) {
            throw e;
        } catch (Throwable e) {
            throw new StorageException("cannot map Arrow file " + file + ": " + e, e);
        }
    }

    private static void unmap(long address, long size) {
        try {
            int ignored = (int) MUNMAP.invokeExact(MemorySegment.ofAddress(address), size);
        } catch (Throwable e) {
            throw new IllegalStateException("munmap failed for " + size + " bytes at " + address, e);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }
}
