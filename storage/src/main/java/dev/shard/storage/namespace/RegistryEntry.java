package dev.shard.storage.namespace;

import dev.shard.storage.SharedReference;
import dev.shard.storage.StorageException;
import dev.shard.storage.arrow.SharedTableHandle;
import dev.shard.storage.segment.ProcessIdentity;
import dev.shard.storage.segment.RunDirectory;
import dev.shard.storage.share.SharedHandle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * One entry file, {@code <run directory>/namespaces/<namespace>/<name>.var}:
 *
 * <pre>
 * format=shard-namespace-v1
 * kind=array | table
 * registered=&lt;epoch millis&gt;
 * handle=&lt;SharedHandle.encode() or SharedTableHandle.encode()&gt;
 * </pre>
 *
 * The owner is the run directory's owner, so an entry is live exactly while its owner is.
 */
record RegistryEntry(Path file, Variable variable) {
    static final String SUFFIX = ".var";
    private static final String FORMAT = "shard-namespace-v1";

    static String encode(SharedReference<?> reference, Instant registered) {
        String kind = reference instanceof SharedTableHandle ? "table" : "array";
        String handle = reference instanceof SharedTableHandle table ? table.encode()
                : ((SharedHandle) reference).encode();
        return "format=" + FORMAT + "\nkind=" + kind + "\nregistered=" + registered.toEpochMilli()
                + "\nhandle=" + handle + "\n";
    }

    /** Reads an entry; empty when it vanished meanwhile or its owner is unknown. */
    static Optional<RegistryEntry> read(Path file, String namespace) {
        Properties properties = new Properties();
        try {
            properties.load(new java.io.StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (java.nio.file.NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("cannot read namespace entry " + file + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(properties.getProperty("format"))) {
            throw new StorageException("namespace entry " + file + " has format '" + properties.getProperty("format")
                    + "', this shard reads " + FORMAT + " (use the same shard version in every process)");
        }
        Optional<ProcessIdentity> owner = RunDirectory.readOwner(runDirectoryOf(file));
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        String handle = properties.getProperty("handle", "");
        SharedReference<?> reference = "table".equals(properties.getProperty("kind"))
                ? SharedTableHandle.decode(handle) : SharedHandle.decode(handle);
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - SUFFIX.length());
        Instant registered = Instant.ofEpochMilli(Long.parseLong(properties.getProperty("registered", "0")));
        return Optional.of(new RegistryEntry(file, new Variable(namespace, name, owner.get(), registered, reference)));
    }

    /** {@code <run>/namespaces/<namespace>/<name>.var} → {@code <run>}. */
    static Path runDirectoryOf(Path file) {
        return file.getParent().getParent().getParent();
    }

    boolean isLive() {
        return variable.owner().isAlive();
    }

    /** Earlier registration wins a race between processes; the pid breaks ties. */
    boolean precedes(RegistryEntry other) {
        int byTime = variable.registered().compareTo(other.variable.registered());
        return byTime != 0 ? byTime < 0 : variable.owner().pid() < other.variable.owner().pid();
    }
}
