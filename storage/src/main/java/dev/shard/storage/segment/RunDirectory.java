package dev.shard.storage.segment;

import dev.shard.storage.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One process's private directory under a storage root: mode 0700, with an
 * {@code owner} file naming the process so that a later sweep can tell whether the
 * directory is orphaned.
 */
public final class RunDirectory {
    public static final String OWNER_FILE = "owner";

    private final Path path;
    private final ProcessIdentity owner;

    private RunDirectory(Path path, ProcessIdentity owner) {
        this.path = path;
        this.owner = owner;
    }

    /** The run id of this process: stable for its lifetime, unique across pid reuse. */
    public static String runId(ProcessIdentity process) {
        return "run-" + process.pid() + "-" + Long.toString(process.startMillis(), 36);
    }

    /** Creates (or finds) the directory of {@code owner} under {@code root}. */
    public static RunDirectory create(Path root, ProcessIdentity owner) {
        Path dir = root.resolve(runId(owner));
        try {
            createPrivateDirectories(root);
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException exists) {
                // A second store in the same process shares the directory.
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Path ownerFile = dir.resolve(OWNER_FILE);
            if (!Files.exists(ownerFile)) {
                Path temporary = dir.resolve(OWNER_FILE + ".tmp");
                Files.deleteIfExists(temporary);
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temporary, owner.encode(), StandardCharsets.UTF_8);
                Files.move(temporary, ownerFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StorageException("cannot create run directory " + dir + ": " + e.getMessage()
                    + " (set " + StorageContext.SHM_DIR_ENV + " or " + StorageContext.SPILL_DIR_ENV
                    + " to a writable directory)", e);
        }
        return new RunDirectory(dir, owner);
    }

    /**
     * The root itself is shared by every user's runs, so it is created 0700 only
     * when we create it; an existing root is left as it is.
     */
    static void createPrivateDirectories(Path root) throws IOException {
        if (Files.isDirectory(root)) {
            return;
        }
        Path parent = root.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(root, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException raced) {
            // Another process made it first: fine.
        }
    }

    public Path path() {
        return path;
    }

    public ProcessIdentity owner() {
        return owner;
    }

    /** Reads the owner of a run directory, if it records one. */
    public static java.util.Optional<ProcessIdentity> readOwner(Path runDirectory) {
        try {
            return ProcessIdentity.decode(
                    Files.readString(runDirectory.resolve(OWNER_FILE), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
