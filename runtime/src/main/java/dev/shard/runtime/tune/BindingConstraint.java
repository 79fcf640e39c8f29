package dev.shard.runtime.tune;

import java.util.Locale;

/** Which constraint decided a stage's rows per shard; explain prints its display name. */
public enum BindingConstraint {
    /** A shard's working set fills a worker's share of the budget. */
    MEMORY,
    /** Shards are as small as they may be and still amortize the dispatch of a task. */
    OVERHEAD,
    /** Shards are as large as they may be and still leave enough per worker for stragglers. */
    BALANCE,
    /** The user fixed the size. */
    PINNED;

    /** {@code memory}, {@code overhead}, {@code balance} or {@code pinned}. */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
