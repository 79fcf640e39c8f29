package dev.shard.storage.segment;

/** How a borrower maps a segment. */
public enum Access {
    READ_ONLY,
    READ_WRITE
}
