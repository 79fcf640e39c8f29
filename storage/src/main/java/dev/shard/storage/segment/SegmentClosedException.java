package dev.shard.storage.segment;

import dev.shard.storage.StorageException;

/** A segment was used after {@code close()}: open it again to keep reading. */
public final class SegmentClosedException extends StorageException {
    public SegmentClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
