package dev.shard.runtime.tune;

/** The input of one stage: how many rows and how many bytes each row takes as stored. */
public record DataShape(long rows, long bytesPerRow) {
    public DataShape {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative, got " + rows);
        }
        if (bytesPerRow < 0) {
            throw new IllegalArgumentException("bytes per row must not be negative, got " + bytesPerRow);
        }
    }
}
