package dev.shard.runtime.driver;

import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.SegmentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The pool's private 0700 directory (socket and worker logs), inside this process's
 * run directory so a crashed driver's leftovers are swept with its segments.
 */
final class PoolDirectory {
    /** sun_path holds 108 bytes including the terminator. */
    private static final int MAX_SOCKET_PATH = 100;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private PoolDirectory() {
    }

    static Path create() {
        Path runDirectory = SegmentStore.shared().runDirectory(Backing.SHM);
        Path directory = runDirectory.resolve("pool-" + POOLS.incrementAndGet());
        try {
            if (directory.resolve("driver.sock").toString().length() > MAX_SOCKET_PATH) {
                return Files.createTempDirectory("shard-pool-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return Files.createDirectory(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the pool directory " + directory + ": " + e.getMessage(), e);
        }
    }

    static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Already gone, or removed with the run directory at exit.
        }
    }

    /** The last line of a worker's log, for death causes and start-up errors. */
    static String tail(Path log, int lines) {
        try {
            String[] all = Files.readString(log).strip().split("\n");
            int from = Math.max(0, all.length - lines);
            return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
        } catch (IOException e) {
            return "(no worker log: " + e.getMessage() + ")";
        }
    }
}
