package dev.shard.storage.segment;

import dev.shard.storage.StorageException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Space for segments: a check before a segment file is created, and a real
 * reservation ({@code fallocate}) when it is.
 *
 * <p>Why reserve instead of keeping a ledger of promises: a sparse file takes a page or
 * block only when it is first written, and a write that the file system cannot supply
 * raises SIGBUS, which the JVM turns into an {@code InternalError} mid-run. Reserving
 * every block at creation moves that failure to the create call, and it makes the file
 * system's own free figure the ledger: what every live run of every process and user
 * has reserved is already subtracted there, so two processes cannot over-commit a tmpfs
 * or a disk together, and nothing has to be cleaned up when a process dies. The check
 * before the reservation exists for the message (and to refuse impossible sizes before
 * a file exists); the reservation is what makes it hold.
 *
 * <p>The cost: on tmpfs, reserved pages are RAM (counted as {@code Shmem}) from the
 * moment the segment exists, written or not. On a disk, fallocate marks blocks as
 * reserved-but-unwritten, which costs neither RAM nor writes. On a file system without
 * fallocate the segment stays sparse, and the check also counts this process's own
 * sparse segments' unwritten bytes as taken.
 */
final class SegmentSpace {
    private final StorageContext context;
    /**
     * Segment files this store could not reserve (no fallocate): only they can hold
     * unwritten blocks, so only they are measured ({@link AllocatedSpace}, a stat through
     * the FFM linker) when the free space is checked.
     */
    private final Set<Path> sparseFiles = ConcurrentHashMap.newKeySet();

    SegmentSpace(StorageContext context) {
        this.context = context;
    }

    /** Free bytes for a new segment of {@code backing}: usable space less the unwritten part of our sparse segments. */
    long free(Backing backing, List<Segment> owned) throws IOException {
        Path root = context.root(backing);
        PrivateRoot.ensure(root, backing);
        long usable = Files.getFileStore(root).getUsableSpace();
        long promised = 0;
        for (Segment segment : owned) {
            if (segment.backing() == backing && !segment.isClosed() && sparseFiles.contains(segment.path())) {
                // Unknown allocation counts as fully written: the check then trusts the file system alone.
                long allocated = AllocatedSpace.of(segment.path()).orElse(segment.size());
                promised += Math.max(0, segment.size() - allocated);
            }
        }
        return Math.max(0, usable - promised);
    }

    /**
     * Refuses a segment that cannot fit: larger than the whole file system, or than the
     * space free there. {@code autoNote} explains, for backing auto, why shm was not used.
     */
    void ensureRoom(String name, long bytes, Backing backing, List<Segment> owned, Optional<String> autoNote) {
        Path root = context.root(backing);
        long free;
        long total;
        try {
            free = free(backing, owned);
            FileStore store = Files.getFileStore(root);
            total = store.getTotalSpace();
        } catch (IOException e) {
            return; // the create that follows reports the unusable directory itself
        }
        if (bytes > total) {
            throw new StorageException("segment '" + name + "' needs " + describe(bytes) + ", more than the whole file"
                    + " system of " + root + " holds (" + describe(total) + " in all, " + describe(free) + " free): "
                    + (backing == Backing.SHM ? "use Backing.MMAP (a file in the spill directory " + context.spillRoot()
                            + "), smaller data, or point " : "use smaller data, or point ")
                    + PrivateRoot.variable(backing) + " at a larger file system" + autoNote.orElse(""));
        }
        if (bytes > free) {
            throw new StorageException(tooLittle(name, bytes, backing, free) + autoNote.orElse(""));
        }
    }

    /**
     * Reserves every block of the new, empty {@code file} (its size becomes {@code bytes}).
     * Returns false when the file system cannot reserve (no fallocate): the caller then
     * makes the file sparse.
     */
    boolean reserve(String name, Path file, long bytes, Backing backing) {
        Optional<Integer> error = NativeFiles.allocate(file, bytes);
        if (error.isEmpty()) {
            return true;
        }
        int errno = error.get();
        if (errno == NativeFiles.EOPNOTSUPP) {
            sparseFiles.add(file);
            return false;
        }
        if (errno == NativeFiles.ENOSPC) {
            long free;
            try {
                free = Files.getFileStore(context.root(backing)).getUsableSpace();
            } catch (IOException e) {
                free = 0;
            }
            throw new StorageException(tooLittle(name, bytes, backing, free)
                    + " (the space was taken while the segment was being created)");
        }
        if (errno == NativeFiles.EFBIG) {
            throw new StorageException("segment '" + name + "' needs " + describe(bytes) + ", more than one file may"
                    + " hold on the file system of " + context.root(backing) + ": use smaller data, or point "
                    + PrivateRoot.variable(backing) + " at another file system");
        }
        throw new StorageException("cannot reserve " + describe(bytes) + " for segment " + file + ": fallocate failed"
                + " with errno " + errno + " (point " + PrivateRoot.variable(backing) + " at a local file system)");
    }

    /** The segment file is gone (closed or never made): it no longer counts. */
    void forget(Path file) {
        sparseFiles.remove(file);
    }

    private String tooLittle(String name, long bytes, Backing backing, long free) {
        Path root = context.root(backing);
        String fix = backing == Backing.SHM
                ? "free space there, use Backing.MMAP (a file in the spill directory " + context.spillRoot()
                        + "), or point " + PrivateRoot.variable(backing) + " at a larger tmpfs"
                : "free space there, or point " + PrivateRoot.variable(backing) + " at a larger file system";
        return root + " has " + describe(free) + " free, segment '" + name + "' needs " + describe(bytes) + ": " + fix;
    }

    static String describe(long bytes) {
        if (bytes < 1L << 20) {
            return bytes + " bytes";
        }
        if (bytes < 1L << 30) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return bytes < 1L << 40 ? String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.2f TiB", bytes / (double) (1L << 40));
    }
}
