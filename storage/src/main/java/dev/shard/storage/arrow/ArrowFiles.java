package dev.shard.storage.arrow;

import dev.shard.storage.segment.Backing;
import java.nio.file.Path;

/** Opens existing Arrow IPC files (file format, uncompressed) zero-copy by mapping them. */
public final class ArrowFiles {
    private ArrowFiles() {
    }

    /**
     * Maps {@code file} copy-on-write and returns its record batches as vectors over the
     * mapping. Malformed, truncated or compressed files give a {@link dev.shard.storage.StorageException}
     * that says what is wrong; the file is never modified.
     */
    public static SharedArrowTable open(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Backing backing = absolute.toString().startsWith("/dev/shm/") ? Backing.SHM : Backing.MMAP;
        return ZeroCopyIpcReader.open(absolute, 0, -1, backing);
    }
}
