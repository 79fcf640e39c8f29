package dev.shard.storage.buffer;

/**
 * What one buffer handle did in this process: write and read calls and their bytes.
 * A single-element access counts as one call.
 */
public record BufferCounters(long writes, long bytesWritten, long reads, long bytesRead) {
}
