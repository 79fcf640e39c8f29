package dev.shard.storage.namespace;

import dev.shard.storage.SharedReference;
import dev.shard.storage.StorageException;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.SegmentStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entry files of one namespace across every run directory under the shm root.
 * Writes go to this process's run directory only; reads scan all of them.
 */
final class NamespaceRegistry {
    private static final String DIRECTORY = "namespaces";

    private final String namespace;
    private final SegmentStore store;

    NamespaceRegistry(String namespace, SegmentStore store) {
        this.namespace = namespace;
        this.store = store;
    }

    RegistryEntry write(String variable, SharedReference<?> reference, Instant registered) {
        Path directory = store.runDirectory(Backing.SHM).resolve(DIRECTORY).resolve(namespace);
        Path file = directory.resolve(variable + RegistryEntry.SUFFIX);
        try {
            createPrivateDirectory(directory.getParent());
            createPrivateDirectory(directory);
            Path temporary = directory.resolve("." + variable + ".tmp");
            Files.writeString(temporary, RegistryEntry.encode(reference, registered), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            // Readers see a whole entry or none.
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StorageException("cannot register '" + variable + "' in namespace '" + namespace + "' at "
                    + file + ": " + e.getMessage(), e);
        }
        return RegistryEntry.read(file, namespace).orElseThrow(() -> new StorageException(
                "namespace entry " + file + " vanished right after it was written (was the run directory removed?)"));
    }

    void delete(RegistryEntry entry) {
        try {
            Files.deleteIfExists(entry.file());
        } catch (IOException e) {
            throw new StorageException("cannot remove namespace entry " + entry.file() + ": " + e.getMessage(), e);
        }
    }

    /** The live entry of {@code variable}: the earliest registration among live owners. */
    Optional<RegistryEntry> live(String variable) {
        return entries(variable).stream().filter(RegistryEntry::isLive)
                .reduce((first, second) -> second.precedes(first) ? second : first);
    }

    Optional<RegistryEntry> dead(String variable) {
        return entries(variable).stream().filter(entry -> !entry.isLive()).findFirst();
    }

    List<Variable> listLive() {
        Map<String, RegistryEntry> byName = new LinkedHashMap<>();
        for (RegistryEntry entry : entries(null)) {
            if (entry.isLive()) {
                byName.merge(entry.variable().name(), entry, (first, second) -> second.precedes(first) ? second : first);
            }
        }
        return byName.values().stream().map(RegistryEntry::variable)
                .sorted(Comparator.comparing(Variable::name)).toList();
    }

    /** Entries of {@code variable} (all variables when null) in every run directory. */
    private List<RegistryEntry> entries(String variable) {
        List<RegistryEntry> found = new ArrayList<>();
        Path root = store.context().shmRoot();
        if (!Files.isDirectory(root)) {
            return found;
        }
        String pattern = (variable == null ? "*" : variable) + RegistryEntry.SUFFIX;
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(root, "run-*")) {
            for (Path run : runs) {
                Path directory = run.resolve(DIRECTORY).resolve(namespace);
                if (!Files.isDirectory(directory)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, pattern)) {
                    for (Path file : files) {
                        RegistryEntry.read(file, namespace).ifPresent(found::add);
                    }
                } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException gone) {
                    // Swept meanwhile, or another user's run: not ours to read.
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot list namespace '" + namespace + "' under " + root + ": "
                    + e.getMessage(), e);
        }
        return found;
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // Another thread made it first.
            }
        }
    }
}
