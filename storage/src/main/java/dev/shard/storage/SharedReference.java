package dev.shard.storage;

import java.io.Serializable;

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
}
