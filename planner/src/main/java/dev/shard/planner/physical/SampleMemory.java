package dev.shard.planner.physical;

import dev.shard.planner.logical.TableSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What identifies one version of a source for {@link KeySample}'s memory: a file by its path,
 * its file key (device and inode), size and modification time, so that a file written again
 * is sampled again; a shared table by its handle, which names segments that never change.
 * A stale sample could only steer the merge's choice, never a result (both merges give the
 * same bits), but none is kept for a source whose version cannot be read.
 */
final class SampleMemory {
    /** Sources remembered at most; the least recently used is forgotten first. */
    static final int SOURCES = 64;

    private SampleMemory() {
    }

    record Key(String source, String version, String column) {
    }

    static Optional<Key> key(TableSource source, String column) {
        return switch (source) {
            case TableSource.ArrowFile file -> fileVersion(file.path()).map(version -> new Key(file.file(), version,
                    column));
            case TableSource.SharedTable shared -> Optional.of(new Key(shared.name(), shared.encodedHandle(), column));
            // Not sampled: nothing to remember.
            case TableSource.CsvFile unused -> Optional.empty();
            case TableSource.SharedMatrix unused -> Optional.empty();
            case TableSource.NamedResult unused -> Optional.empty();
        };
    }

    private static Optional<String> fileVersion(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file.toAbsolutePath(), BasicFileAttributes.class);
            return Optional.of(attributes.fileKey() + " " + attributes.size() + " "
                    + attributes.lastModifiedTime().toInstant());
        } catch (IOException | SecurityException unreadable) {
            return Optional.empty();
        }
    }

    static <V> Map<Key, V> bounded() {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, V> eldest) {
                return size() > SOURCES;
            }
        });
    }
}
