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

    /** Creates (or finds) the directory of {@code owner} under the shm root {@code root}. */
    public static RunDirectory create(Path root, ProcessIdentity owner) {
        return create(root, Backing.SHM, owner);
    }

    /**
     * Creates (or finds) the directory of {@code owner} under {@code root}, the root of
     * {@code backing}; the root is created 0700 when missing and must belong to this user.
     */
    public static RunDirectory create(Path root, Backing backing, ProcessIdentity owner) {
        PrivateRoot.ensure(root, backing);
        Path dir = root.resolve(runId(owner));
        try {
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
                    + " (point " + PrivateRoot.variable(backing) + " at a writable directory you own)", e);
        }
        return new RunDirectory(dir, owner);
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
