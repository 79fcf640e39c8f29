package dev.shard.planner.exec.vector;

/**
 * What a scan's mapped columns copied into heap arrays because an operator had no in-place
 * loop for them: bytes and batches. A scan owns one, and reports it once per shard to the
 * copy ledger (a ledger entry walks the stack: too dear for every 4,096-row batch).
 */
public final class MaterializedBytes {
    private long bytes;
    private long batches;

    void add(long copied) {
        bytes += copied;
        batches++;
    }

    public long bytes() {
        return bytes;
    }

    public long batches() {
        return batches;
    }

    /** Starts counting afresh (after the count was reported). */
    public void clear() {
        bytes = 0;
        batches = 0;
    }
}
