package dev.shard.storage.arrow;

import dev.shard.storage.SharedReference;
import dev.shard.storage.StorageException;
import dev.shard.storage.segment.Backing;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a process needs to open a shared Arrow table zero-copy: the segment holding it
 * in Arrow IPC file format, and where in the segment the IPC bytes are.
 *
 * @param path the segment file (a string: {@link Path} is not serializable)
 * @param backing where its pages live
 * @param offset where the IPC file starts in the segment
 * @param length bytes of the IPC file
 */
public record SharedTableHandle(String path, Backing backing, long offset, long length)
        implements SharedReference<SharedArrowTable> {
    private static final String ENCODING_VERSION = "shard-arrow-v1";

    public Path file() {
        return Path.of(path);
    }

    /** Maps the table copy-on-write in this process; see {@link SharedArrowTable}. */
    @Override
    public SharedArrowTable open() {
        if (!Files.exists(file())) {
            throw new StorageException("no segment at " + path + ": the shared Arrow table was released by its owner"
                    + " or its owner exited (ask the owner for a live handle)");
        }
        return ZeroCopyIpcReader.open(file(), offset, length, backing);
    }

    @Override
    public String describe() {
        return "arrow table (" + length + " bytes) at " + path;
    }

    /** One line, safe on a command line or in a file: {@link #decode(String)} reads it back. */
    public String encode() {
        return String.join(";", ENCODING_VERSION, backing.displayName(), Long.toString(offset), Long.toString(length),
                path);
    }

    public static SharedTableHandle decode(String text) {
        String[] parts = text.trim().split(";", 5);
        if (parts.length != 5 || !parts[0].equals(ENCODING_VERSION)) {
            throw new StorageException("not a shared Arrow table handle: '" + text + "' (expected the output of"
                    + " SharedTableHandle.encode(), starting with " + ENCODING_VERSION + ")");
        }
        try {
            return new SharedTableHandle(parts[4], Backing.parse(parts[1]), Long.parseLong(parts[2]),
                    Long.parseLong(parts[3]));
        } catch (NumberFormatException e) {
            throw new StorageException("malformed shared Arrow table handle '" + text + "': " + e.getMessage(), e);
        }
    }
}
