package dev.shard.storage;

/** A storage failure a user can act on; the message says what, where and how to fix. */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
