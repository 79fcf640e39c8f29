package dev.shard.storage;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * A small, serializable description of shared data that any process can open by
 * itself, zero-copy: what the driver sends a worker instead of the data.
 *
 * @param <T> the view {@link #open()} returns; closing it releases the mapping
 */
public interface SharedReference<T extends AutoCloseable> extends Serializable {
    /** Maps the data in this process and returns a view over it (no copy). */
    T open();

    /** One line for reports and errors: what it is and where it lives. */
    String describe();

    /**
     * The file this reference maps and only reads, when a process may keep the view open
     * across runs and reuse it while the file stays the same one, with the same size and
     * modification time (a rewritten file is mapped again); null, the default, when the view
     * must be opened for every run. Mapping again costs a page fault per page touched.
     */
    default Path readOnlyFile() {
        return null;
    }
}
