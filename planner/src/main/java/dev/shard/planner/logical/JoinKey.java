package dev.shard.planner.logical;

import java.io.Serializable;

/** {@code left == right}: a column of the left input equal to a column of the right. */
public record JoinKey(String left, String right) implements Serializable {
}
