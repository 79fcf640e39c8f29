package dev.shard.storage.segment;

import dev.shard.storage.StorageException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A storage root belongs to one user. Before anything is created in or swept from a
 * root, it must be a real directory (not a symbolic link) owned by this process's
 * effective uid: a root planted by someone else would let them read, replace or
 * redirect this user's segments, so it is refused, never "fixed".
 */
final class PrivateRoot {
    private static final int UID = EffectiveUser.uid();

    private PrivateRoot() {
    }

    /** The effective uid that owns this process's roots and run directories. */
    static int uid() {
        return UID;
    }

    /** Creates {@code root} 0700 when missing, then checks it; throws a {@link StorageException} if it is not ours. */
    static void ensure(Path root, Backing backing) {
        try {
            if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                Path parent = root.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try {
                    Files.createDirectory(root, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } catch (FileAlreadyExistsException raced) {
                    // Created meanwhile: by another of our processes, or planted; the check below tells.
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot create the " + backing.displayName() + " root " + root + ": "
                    + e.getMessage() + " (point " + variable(backing) + " at a directory you can write)", e);
        }
        problem(root, backing).ifPresent(message -> {
            throw new StorageException(message);
        });
    }

    /** Why {@code root} is not this user's to use, or empty when it is. */
    static Optional<String> problem(Path root, Backing backing) {
        String name = "the " + backing.displayName() + " root " + root;
        try {
            if (Files.isSymbolicLink(root)) {
                return Optional.of(name + " is a symbolic link (to " + Files.readSymbolicLink(root)
                        + "): shard refuses it, because whoever made the link chooses where your segments go."
                        + " Remove the link if you did not make it, or point " + variable(backing)
                        + " at a real directory you own");
            }
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(name + " is not a directory: remove it, or point " + variable(backing)
                        + " at a directory you own");
            }
            int owner = (Integer) Files.getAttribute(root, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (owner != UID) {
                return Optional.of(name + " belongs to uid " + owner + " ("
                        + Files.getOwner(root, LinkOption.NOFOLLOW_LINKS).getName() + "), not to you (uid " + UID
                        + "): someone else created it, and could read or replace your segments there. If you do"
                        + " not know why it exists, ask its owner or an administrator to remove it; meanwhile"
                        + " point " + variable(backing) + " at a directory you own");
            }
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot check who owns " + name + ": " + e.getMessage() + " (point "
                    + variable(backing) + " at a directory you own on a POSIX file system)");
        }
    }

    static String variable(Backing backing) {
        return backing == Backing.SHM
                ? StorageContext.SHM_DIR_ENV + " (-D" + StorageContext.SHM_DIR_PROPERTY + ")"
                : StorageContext.SPILL_DIR_ENV + " (-D" + StorageContext.SPILL_DIR_PROPERTY + ")";
    }
}
