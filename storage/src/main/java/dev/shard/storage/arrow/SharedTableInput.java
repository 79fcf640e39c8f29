package dev.shard.storage.arrow;

import dev.shard.storage.segment.RunDirectory;
import dev.shard.storage.segment.Segment;
import dev.shard.storage.share.SharedInfo;
import dev.shard.storage.share.SharedView;

/**
 * The owner's side of a shared Arrow table. Send {@link #handle()} to other processes;
 * {@link #close()} unlinks the segment (tables already open keep reading it).
 */
public final class SharedTableInput implements SharedView {
    private final Segment owner;
    private final SharedTableHandle handle;
    private final long rows;
    private final int columns;

    SharedTableInput(Segment owner, SharedTableHandle handle, long rows, int columns) {
        this.owner = owner;
        this.handle = handle;
        this.rows = rows;
        this.columns = columns;
    }

    public SharedTableHandle handle() {
        return handle;
    }

    /** Opens the table in this process, zero-copy (a private mapping of the same pages). */
    public SharedArrowTable open() {
        return handle.open();
    }

    @Override
    public SharedInfo sharedInfo() {
        return new SharedInfo(owner.path(), owner.backing(), handle.length(), "arrow", new long[] {rows, columns},
                RunDirectory.readOwner(owner.path().getParent()), true, false);
    }

    @Override
    public boolean isClosed() {
        return owner.isClosed();
    }

    @Override
    public void close() {
        owner.close();
    }

    @Override
    public String toString() {
        return "SharedTableInput[" + handle.describe() + (isClosed() ? ", closed" : "") + "]";
    }
}
