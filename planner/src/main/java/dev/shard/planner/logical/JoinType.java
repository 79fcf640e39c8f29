package dev.shard.planner.logical;

/** Inner keeps matched rows; left keeps every left row, with nulls where the right has no match. */
public enum JoinType {
    INNER,
    LEFT
}
