package dev.shard.storage.segment;

import dev.shard.storage.StorageException;

/** A write through a read-only (borrowed) mapping. Borrowers never change shared data. */
public final class ReadOnlySegmentException extends StorageException {
    public ReadOnlySegmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
