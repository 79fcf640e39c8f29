package dev.shard.storage.share;

/**
 * Anything that reads or owns data in shared memory: what {@link Shared#isShared(Object)}
 * recognises and {@link Shared#sharedInfo(Object)} describes.
 */
public interface SharedView extends AutoCloseable {
    /** Where the data lives, its type and shape, and who owns it. */
    SharedInfo sharedInfo();

    boolean isClosed();

    /** Releases this view or, for the owner, the data; idempotent. */
    @Override
    void close();
}
