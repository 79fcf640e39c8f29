package dev.shard.storage.share;

import dev.shard.storage.segment.Segment;
import dev.shard.storage.segment.SegmentStore;

/**
 * The owner's side of a shared array or matrix. Send {@link #handle()} to other
 * processes; {@link #close()} unlinks the data: views already open anywhere keep
 * reading it until they close, new opens fail.
 */
public final class SharedInput implements SharedView {
    private final Segment owner;
    private final SharedHandle handle;
    private final SegmentStore store;

    SharedInput(Segment owner, SharedHandle handle, SegmentStore store) {
        this.owner = owner;
        this.handle = handle;
        this.store = store;
    }

    public SharedHandle handle() {
        return handle;
    }

    /** A read-only view in this process (same mapping as the owner's, no copy). */
    public SharedArray open() {
        return handle.open(store);
    }

    public SharedMatrix openMatrix() {
        SharedArray view = open();
        if (view instanceof SharedMatrix matrix) {
            return matrix;
        }
        view.close();
        return handle.openMatrix();
    }

    @Override
    public SharedInfo sharedInfo() {
        SharedInfo info = handle.info();
        return new SharedInfo(info.path(), info.backing(), info.sizeBytes(), info.type(), info.shape(),
                info.owner(), true, false);
    }

    @Override
    public boolean isClosed() {
        return owner.isClosed();
    }

    /** Unlinks the data; idempotent. */
    @Override
    public void close() {
        owner.close();
    }

    @Override
    public String toString() {
        return "SharedInput[" + handle.describe() + (isClosed() ? ", closed" : "") + "]";
    }
}
