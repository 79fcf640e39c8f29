package dev.shard.storage.segment;

import dev.shard.storage.StorageException;

/** An access outside a segment's bytes. */
public final class SegmentBoundsException extends StorageException {
    public SegmentBoundsException(String message, Throwable cause) {
        super(message, cause);
    }
}
