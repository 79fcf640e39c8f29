package dev.shard.storage.segment;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How many bytes of a file really occupy its file system ({@code st_blocks * 512} from
 * libc {@code stat}). A sparse segment occupies only the pages written so far; Java's
 * file attributes do not expose this, so it is read through the FFM linker.
 */
final class AllocatedSpace {
    /** {@code st_blocks} sits at byte 64 of {@code struct stat} on both x86_64 and aarch64 Linux. */
    private static final long BLOCKS_OFFSET = 64;
    private static final long STAT_BYTES = 256;
    private static final Optional<MethodHandle> STAT = lookUpStat();

    private AllocatedSpace() {
    }

    /** Allocated bytes of {@code file}, or empty when this platform or file does not say. */
    static OptionalLong of(Path file) {
        if (STAT.isEmpty()) {
            return OptionalLong.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom(file.toString());
            MemorySegment stat = arena.allocate(STAT_BYTES, 8);
            int result = (int) STAT.get().invokeExact(name, stat);
            return result == 0
                    ? OptionalLong.of(stat.get(ValueLayout.JAVA_LONG, BLOCKS_OFFSET) * 512)
                    : OptionalLong.empty();
        } catch (Throwable e) {
            return OptionalLong.empty();
        }
    }

    private static Optional<MethodHandle> lookUpStat() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.equals("Linux") || !(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            // glibc exports stat since 2.33; older ones only __xstat, where we simply do not know.
            return linker.defaultLookup().find("stat").map(address -> linker.downcallHandle(address,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
