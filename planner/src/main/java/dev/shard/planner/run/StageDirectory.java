package dev.shard.planner.run;

import dev.shard.storage.StorageException;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.SegmentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Where a run's stage outputs go: a directory (mode 0700) inside the driver's own run
 * directory under the shm root, so that workers (same user) write Arrow files there and
 * the next stage or the driver maps them. Closing deletes it, on success and on failure;
 * if the driver dies, the sweep of dead owners' run directories removes it with the rest.
 */
final class StageDirectory implements AutoCloseable {
    private static final AtomicLong NEXT = new AtomicLong();
    private final Path path;

    private StageDirectory(Path path) {
        this.path = path;
    }

    static StageDirectory create() {
        Path parent = SegmentStore.shared().runDirectory(Backing.SHM);
        Path path = parent.resolve("stage-" + NEXT.incrementAndGet() + "-" + System.nanoTime());
        try {
            Files.createDirectory(path, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new StorageException("cannot create the stage directory " + path + ": " + e.getMessage()
                    + " (point SHARD_SHM_DIR at a writable tmpfs you own)", e);
        }
        return new StageDirectory(path);
    }

    /** A new directory (0700) inside {@code parent}, for one step's files; deleted with the stage directory. */
    static Path subdirectory(Path parent, String name) {
        Path path = parent.resolve(name);
        try {
            Files.createDirectory(path, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new StorageException("cannot create the stage directory " + path + ": " + e.getMessage()
                    + " (point SHARD_SHM_DIR at a writable tmpfs you own)", e);
        }
        return path;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new StorageException("cannot delete the stage directory " + path + ": " + e.getMessage()
                    + " (remove it by hand, or run shard gc)", e);
        }
    }
}
