package dev.shard.planner.logical;

import java.io.Serializable;

/** A sort column; nulls sort last in both directions. */
public record SortKey(String column, boolean descending) implements Serializable {
    public static SortKey ascending(String column) {
        return new SortKey(column, false);
    }

    public static SortKey descending(String column) {
        return new SortKey(column, true);
    }

    public String render() {
        return descending ? "-" + column : column;
    }
}
