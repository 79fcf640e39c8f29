package dev.shard.runtime.task;

/** Whether {@link Pool#apply} calls its function once per row or once per column. */
public enum Margin {
    ROWS,
    COLUMNS
}
