package dev.shard.planner.exec;

import java.io.Serializable;

/**
 * A shard's committed output: an Arrow IPC file in the stage directory, named after the
 * shard, with its row count and size. This small record is all that crosses the socket.
 */
public record StageFile(String path, long rows, long bytes) implements Serializable {
}
