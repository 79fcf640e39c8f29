package dev.shard.storage.segment;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Removes the run directories of processes that are gone (crashed, killed, or exited
 * without cleaning up). Runs at start-up and on {@code shard gc}. Only this user's runs
 * are touched: a root that is not this user's own directory is left alone, and so is
 * any run directory in it that belongs to another uid (root could delete it, but it is
 * not root's run to judge). A refused root is reported, with the reason and the fix, so
 * that {@code shard gc} can say why it removed nothing there.
 */
public final class SegmentSweeper {
    /** A directory without an owner file is being created; give its creator this long. */
    private static final Duration OWNERLESS_GRACE = Duration.ofMinutes(1);

    private SegmentSweeper() {
    }

    /** What a sweep removed. */
    public record Removed(Path directory, long bytes, String reason) {
    }

    /** A root the sweep would not enter: {@code problem} says what is wrong with it and how to fix it. */
    public record Refused(Path root, String problem) {
    }

    /** Everything one sweep of both roots did and refused to do. */
    public record Outcome(List<Removed> removed, List<Refused> refused) {
        public Outcome {
            removed = List.copyOf(removed);
            refused = List.copyOf(refused);
        }
    }

    public static List<Removed> sweep(StorageContext context) {
        return sweepRoots(context).removed();
    }

    /** Sweeps both roots of {@code context}, also naming each root that was refused and why. */
    public static Outcome sweepRoots(StorageContext context) {
        List<Removed> removed = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        sweep(context.shmRoot(), Backing.SHM, removed, refused);
        if (!context.spillRoot().equals(context.shmRoot())) {
            sweep(context.spillRoot(), Backing.MMAP, removed, refused);
        }
        return new Outcome(removed, refused);
    }

    public static List<Removed> sweep(Path root) {
        List<Removed> removed = new ArrayList<>();
        sweep(root, Backing.SHM, removed, new ArrayList<>());
        return removed;
    }

    private static void sweep(Path root, Backing backing, List<Removed> removed, List<Refused> refused) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Optional<String> problem = PrivateRoot.problem(root, backing);
        if (problem.isPresent()) {
            refused.add(new Refused(root, problem.get()));
            return;
        }
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(root, "run-*")) {
            for (Path run : runs) {
                if (!ownRunDirectory(run)) {
                    continue;
                }
                deadReason(run).ifPresent(reason -> {
                    long bytes = sizeOf(run);
                    if (deleteTree(run)) {
                        removed.add(new Removed(run, bytes, reason));
                    }
                });
            }
        } catch (IOException e) {
            refused.add(new Refused(root, "cannot list the " + backing.displayName() + " root " + root + ": "
                    + e.getMessage() + " (check its permissions, or point " + PrivateRoot.variable(backing)
                    + " at a directory you own)"));
        }
    }

    private static boolean ownRunDirectory(Path run) {
        try {
            return Files.isDirectory(run, LinkOption.NOFOLLOW_LINKS)
                    && (Integer) Files.getAttribute(run, "unix:uid", LinkOption.NOFOLLOW_LINKS) == PrivateRoot.uid();
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static Optional<String> deadReason(Path run) {
        Optional<ProcessIdentity> owner = RunDirectory.readOwner(run);
        if (owner.isPresent()) {
            return owner.get().isAlive()
                    ? Optional.empty()
                    : Optional.of("owner pid " + owner.get().pid() + " is gone");
        }
        try {
            FileTime modified = Files.getLastModifiedTime(run);
            boolean stale = modified.toInstant().isBefore(Instant.now().minus(OWNERLESS_GRACE));
            return stale ? Optional.of("no owner recorded") : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static long sizeOf(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    static boolean deleteTree(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
