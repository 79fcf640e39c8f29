package dev.shard.storage.buffer;

import dev.shard.storage.StorageException;

/**
 * A buffer is not what the caller expected: another element type or other dims on
 * open, or values of the wrong Java type for its elements.
 */
public final class BufferMismatchException extends StorageException {
    public BufferMismatchException(String message) {
        super(message);
    }
}
