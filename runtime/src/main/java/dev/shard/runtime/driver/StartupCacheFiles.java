package dev.shard.runtime.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files around a workers' AOT cache in its directory, and their clean-up. Next to
 * {@code workers-<hash>.aot} live, for a moment each: the AOT configuration a recording worker
 * dumps as it exits ({@code .recording-<driver pid>-<n>.aotconf}), the same file once an
 * assembler has taken it over ({@code .assembling-<assembler pid>.aotconf}), the cache being
 * assembled ({@code .assembling-<assembler pid>}), the lock that lets one assembler at a time
 * work on the cache ({@code .lock}) and the output of the last assembly that failed
 * ({@code .assembly.log}). Every temporary name carries the pid of the process that owns it,
 * so the files of a killed process are found and removed by the next pool's start. No logging
 * here: the assembler's own JVM uses this class and stays small.
 */
final class StartupCacheFiles {
    static final int KEEP = 8;
    static final String LOCK_SUFFIX = ".lock";
    static final String ASSEMBLY_LOG_SUFFIX = ".assembly.log";
    private static final Pattern CACHE_NAME = Pattern.compile("workers-[0-9a-f]{24}\\.aot");
    private static final Pattern TEMPORARY_NAME = Pattern.compile(
            "workers-[0-9a-f]{24}\\.aot\\.(recording|assembling)-([0-9]{1,18})(?:[-.].*)?");
    /** Nothing of ours takes that long: a file that old is a leftover whoever its pid names now. */
    private static final long STALE_MILLIS = TimeUnit.HOURS.toMillis(1);
    /**
     * A recording is named by its driver, which hands it to the assembler as it stops: a
     * driver that exits at once (a command's end) is gone before the assembler has renamed the
     * file as its own, so a recording of a dead driver is left alone this long.
     */
    private static final long HANDOVER_MILLIS = TimeUnit.MINUTES.toMillis(1);

    private StartupCacheFiles() {
    }

    /** Where a recording worker started by this driver dumps its AOT configuration. */
    static Path recording(Path cache) {
        return sibling(cache, ".recording-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".aotconf");
    }

    /** The configuration once the assembler {@code pid} has taken it over. */
    static Path assemblyConfiguration(Path cache, long pid) {
        return sibling(cache, ".assembling-" + pid + ".aotconf");
    }

    /** The cache as the assembler {@code pid} writes it, renamed into place only when whole. */
    static Path assembling(Path cache, long pid) {
        return sibling(cache, ".assembling-" + pid);
    }

    static Path lock(Path cache) {
        return sibling(cache, LOCK_SUFFIX);
    }

    static Path assemblyLog(Path cache) {
        return sibling(cache, ASSEMBLY_LOG_SUFFIX);
    }

    private static Path sibling(Path cache, String suffix) {
        return cache.resolveSibling(cache.getFileName() + suffix);
    }

    /** Marks a cache as used now, so that pruning keeps the ones in use. */
    static void touch(Path cache) {
        try {
            Files.setLastModifiedTime(cache, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException ignored) {
            // Only pruning order depends on it.
        }
    }

    /**
     * Removes the temporary files of processes that are gone (a recording worker, driver or
     * assembler killed mid-way): their pid is not alive, or they are older than any of ours
     * lives. A file of a live process is left alone: it may be writing it.
     */
    static void sweep(Path directory) {
        long now = System.currentTimeMillis();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Matcher name = TEMPORARY_NAME.matcher(file.getFileName().toString());
                if (!name.matches()) {
                    continue;
                }
                long age = now - modified(file);
                boolean ownerAlive = ProcessHandle.of(Long.parseLong(name.group(2))).map(ProcessHandle::isAlive)
                        .orElse(false);
                boolean handingOver = name.group(1).equals("recording") && age < HANDOVER_MILLIS;
                if (age > STALE_MILLIS || !ownerAlive && !handingOver) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // A leftover costs disk space only: it is never read as a cache.
        }
    }

    /**
     * Every rebuilt jar gets a cache of its own (~20 MB): keep the {@value #KEEP} most recently
     * used caches of ours in the directory (with their lock and log), and sweep leftovers.
     */
    static void prune(Path directory, Path keep) {
        sweep(directory);
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> caches = new ArrayList<>();
            for (Path file : files.toList()) {
                if (CACHE_NAME.matcher(file.getFileName().toString()).matches()) {
                    caches.add(file);
                }
            }
            caches.sort(Comparator.comparingLong(StartupCacheFiles::modified).reversed());
            for (Path old : caches.subList(Math.min(KEEP, caches.size()), caches.size())) {
                if (!old.equals(keep)) {
                    Files.deleteIfExists(old);
                    Files.deleteIfExists(lock(old));
                    Files.deleteIfExists(assemblyLog(old));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // As above: only disk space.
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
